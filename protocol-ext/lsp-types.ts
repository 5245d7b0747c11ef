/**
 * zod mirrors of the few LSP structures the custom protocol carries (positions, ranges, edits).
 * Shapes follow the LSP 3.17 specification; UTF-16 code-unit positions.
 */
import { z } from 'zod';

export const Position = z.object({ line: z.number().int().min(0), character: z.number().int().min(0) });
export const Range = z.object({ start: Position, end: Position });
export const TextEdit = z.object({ range: Range, newText: z.string(), annotationId: z.string().optional() });

export const TextDocumentEdit = z.object({
  textDocument: z.object({ uri: z.string(), version: z.number().int().nullable() }),
  edits: z.array(TextEdit),
});
const FileOpOptions = z.object({ overwrite: z.boolean().optional(), ignoreIfExists: z.boolean().optional() }).optional();
export const CreateFile = z.object({ kind: z.literal('create'), uri: z.string(), options: FileOpOptions, annotationId: z.string().optional() });
export const RenameFile = z.object({ kind: z.literal('rename'), oldUri: z.string(), newUri: z.string(), options: FileOpOptions, annotationId: z.string().optional() });
export const DeleteFile = z.object({
  kind: z.literal('delete'),
  uri: z.string(),
  options: z.object({ recursive: z.boolean().optional(), ignoreIfNotExists: z.boolean().optional() }).optional(),
  annotationId: z.string().optional(),
});
export const ChangeAnnotation = z.object({
  label: z.string(),
  needsConfirmation: z.boolean().optional(),
  description: z.string().optional(),
});
export const WorkspaceEdit = z.object({
  changes: z.record(z.string(), z.array(TextEdit)).optional(),
  documentChanges: z.array(z.union([TextDocumentEdit, CreateFile, RenameFile, DeleteFile])).optional(),
  changeAnnotations: z.record(z.string(), ChangeAnnotation).optional(),
});
export const Location = z.object({ uri: z.string(), range: Range });

export type WorkspaceEditT = z.infer<typeof WorkspaceEdit>;
