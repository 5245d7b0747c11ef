/**
 * Builds an LSP WorkspaceEdit from file changes, shaped for what the client says it supports:
 * versioned TextDocumentEdits plus Create/Rename/DeleteFile operations, or the plain `changes` map,
 * with change annotations (needsConfirmation) for review. Pure: no I/O, no connection.
 */
import type {
  AnnotatedTextEdit,
  ChangeAnnotation,
  ClientCapabilities,
  CreateFile,
  DeleteFile,
  RenameFile,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { computeTextEdits } from './text-edits.js';

export type ResourceOperation = 'create' | 'rename' | 'delete';

export interface EditClientCapabilities {
  documentChanges: boolean;
  resourceOperations: ReadonlySet<ResourceOperation>;
  changeAnnotations: boolean;
}

/** What a full-featured client (and the programmatic API) gets. */
export const FULL_EDIT_CAPABILITIES: EditClientCapabilities = {
  documentChanges: true,
  resourceOperations: new Set<ResourceOperation>(['create', 'rename', 'delete']),
  changeAnnotations: true,
};

/** Reads `workspace.workspaceEdit` from the client's initialize capabilities; absent means unsupported. */
export function editCapabilitiesFromClient(caps: ClientCapabilities | undefined): EditClientCapabilities {
  const we = caps?.workspace?.workspaceEdit;
  const ops = new Set<ResourceOperation>();
  for (const op of we?.resourceOperations ?? []) {
    if (op === 'create' || op === 'rename' || op === 'delete') ops.add(op);
  }
  return { documentChanges: we?.documentChanges === true, resourceOperations: ops, changeAnnotations: we?.changeAnnotationSupport !== undefined };
}

export type DocumentChange =
  | { kind: 'create'; uri: string; text: string }
  | { kind: 'edit'; uri: string; version: number | null; oldText: string; newText: string }
  | { kind: 'delete'; uri: string }
  | { kind: 'rename'; oldUri: string; newUri: string };

export interface EditAnnotation {
  id: string;
  label: string;
  description?: string;
  needsConfirmation: boolean;
}

export interface BuiltWorkspaceEdit {
  edit: WorkspaceEdit;
  /** Changes the client cannot express (e.g. file creation without resourceOperations). */
  unrepresentable: DocumentChange[];
}

export function buildWorkspaceEdit(changes: readonly DocumentChange[], caps: EditClientCapabilities, annotation?: EditAnnotation): BuiltWorkspaceEdit {
  const unrepresentable: DocumentChange[] = [];
  if (!caps.documentChanges) {
    const map: Record<string, TextEdit[]> = {};
    for (const c of changes) {
      if (c.kind === 'edit') {
        const edits = computeTextEdits(c.oldText, c.newText);
        if (edits.length > 0) (map[c.uri] ??= []).push(...edits);
      } else {
        unrepresentable.push(c);
      }
    }
    return { edit: { changes: map }, unrepresentable };
  }

  const annotate = annotation !== undefined && caps.changeAnnotations;
  const annId = annotate ? annotation.id : undefined;
  const withAnn = <T extends object>(x: T): T => (annId === undefined ? x : { ...x, annotationId: annId });
  const textEdits = (oldText: string, newText: string): Array<TextEdit | AnnotatedTextEdit> =>
    computeTextEdits(oldText, newText).map((e) => (annId === undefined ? e : { ...e, annotationId: annId }));
  const out: Array<TextDocumentEdit | CreateFile | RenameFile | DeleteFile> = [];

  for (const c of changes) {
    switch (c.kind) {
      case 'edit': {
        const edits = textEdits(c.oldText, c.newText);
        if (edits.length > 0) out.push({ textDocument: { uri: c.uri, version: c.version }, edits });
        break;
      }
      case 'create':
        if (!caps.resourceOperations.has('create')) {
          unrepresentable.push(c);
          break;
        }
        out.push(withAnn<CreateFile>({ kind: 'create', uri: c.uri, options: { overwrite: false, ignoreIfExists: false } }));
        if (c.text !== '') out.push({ textDocument: { uri: c.uri, version: null }, edits: textEdits('', c.text) });
        break;
      case 'delete':
        if (!caps.resourceOperations.has('delete')) unrepresentable.push(c);
        else out.push(withAnn<DeleteFile>({ kind: 'delete', uri: c.uri, options: { ignoreIfNotExists: true } }));
        break;
      case 'rename':
        if (!caps.resourceOperations.has('rename')) unrepresentable.push(c);
        else out.push(withAnn<RenameFile>({ kind: 'rename', oldUri: c.oldUri, newUri: c.newUri, options: { overwrite: false } }));
        break;
    }
  }
  const edit: WorkspaceEdit = { documentChanges: out };
  if (annotate) {
    const ann: ChangeAnnotation = { label: annotation.label, needsConfirmation: annotation.needsConfirmation };
    if (annotation.description !== undefined) ann.description = annotation.description;
    edit.changeAnnotations = { [annotation.id]: ann };
  }
  return { edit, unrepresentable };
}
