; SmallCode symbol query for Rust (capture names: see typescript.scm).
; @scope + @name marks an `impl` block: not a symbol itself, but the container of its items.
; @transparent marks attributes, which may sit between a `///` doc comment and its item.

; ---- definitions -------------------------------------------------------------
(function_item name: (identifier) @name) @definition.function
(function_signature_item name: (identifier) @name) @definition.function
(struct_item name: (type_identifier) @name) @definition.class
(union_item name: (type_identifier) @name) @definition.class
(enum_item name: (type_identifier) @name) @definition.enum
(trait_item name: (type_identifier) @name) @definition.interface
(type_item name: (type_identifier) @name) @definition.type
(associated_type name: (type_identifier) @name) @definition.type
(const_item name: (identifier) @name) @definition.constant
(static_item name: (identifier) @name) @definition.variable
(mod_item name: (identifier) @name) @definition.module
(macro_definition name: (identifier) @name) @definition.function
(field_declaration_list (field_declaration name: (field_identifier) @name) @definition.field)

(impl_item type: [(type_identifier) @name (generic_type type: (type_identifier) @name) (scoped_type_identifier name: (type_identifier) @name)]) @scope

; ---- references --------------------------------------------------------------
(call_expression function: (identifier) @reference.call)
(call_expression function: (field_expression field: (field_identifier) @reference.call))
(call_expression function: (scoped_identifier name: (identifier) @reference.call))
(call_expression function: (generic_function function: [(identifier) @reference.call (scoped_identifier name: (identifier) @reference.call) (field_expression field: (field_identifier) @reference.call)]))
(macro_invocation macro: (identifier) @reference.call)
(struct_expression name: (type_identifier) @reference.call)

(use_declaration argument: (identifier) @reference.import @module)
(use_declaration argument: (scoped_identifier path: (_) @module name: (identifier) @reference.import))
(use_declaration argument: (use_as_clause path: (_) @module alias: (identifier) @reference.import))
(use_declaration argument: (use_wildcard (_) @module) @reference.import)
(scoped_use_list path: (_) @module list: (use_list (identifier) @reference.import))
(scoped_use_list path: (_) @module list: (use_list (scoped_identifier name: (identifier) @reference.import)))
(scoped_use_list path: (_) @module list: (use_list (use_as_clause alias: (identifier) @reference.import)))
(extern_crate_declaration name: (identifier) @reference.import @module)

(impl_item trait: [(type_identifier) @reference.heritage (generic_type type: (type_identifier) @reference.heritage) (scoped_type_identifier name: (type_identifier) @reference.heritage)])
(trait_item bounds: (trait_bounds [(type_identifier) @reference.heritage (generic_type type: (type_identifier) @reference.heritage) (scoped_type_identifier name: (type_identifier) @reference.heritage)]))

; type parameters are declarations, not references: their names filter the type references
(type_parameter name: (type_identifier) @typeparam)
(type_identifier) @reference.type

; ---- comments and attributes -------------------------------------------------
(line_comment) @comment
(block_comment) @comment
(attribute_item) @transparent
