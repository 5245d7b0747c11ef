; SmallCode symbol query for Python (capture names: see typescript.scm).
; Docstrings are read by the extractor from the first statement of a body.

; ---- definitions -------------------------------------------------------------
(function_definition name: (identifier) @name) @definition.function
(class_definition name: (identifier) @name) @definition.class
(module (expression_statement (assignment left: (identifier) @name)) @definition.variable)
(module (type_alias_statement left: (type (identifier) @name)) @definition.type)

; ---- references --------------------------------------------------------------
(call function: (identifier) @reference.call)
(call function: (attribute attribute: (identifier) @reference.call))
(decorator (identifier) @reference.call)
(decorator (attribute attribute: (identifier) @reference.call))

(import_statement name: (dotted_name) @reference.import @module)
(import_statement name: (aliased_import name: (dotted_name) @module alias: (identifier) @reference.import))
(import_from_statement module_name: (_) @module name: (dotted_name) @reference.import)
(import_from_statement module_name: (_) @module name: (aliased_import alias: (identifier) @reference.import))
(import_from_statement module_name: (_) @module (wildcard_import) @reference.import)

(class_definition superclasses: (argument_list (identifier) @reference.heritage))
(class_definition superclasses: (argument_list (attribute attribute: (identifier) @reference.heritage)))

(type (identifier) @reference.type)
(type (generic_type (identifier) @reference.type))
(type (subscript value: (identifier) @reference.type))

; ---- comments ----------------------------------------------------------------
(comment) @comment
(decorator) @transparent
