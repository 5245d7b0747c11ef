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
(call_expression function: (identifier) @name) @reference.call
(call_expression function: (field_expression field: (field_identifier) @name)) @reference.call
(call_expression function: (scoped_identifier name: (identifier) @name)) @reference.call
(call_expression function: (generic_function function: [(identifier) @name (scoped_identifier name: (identifier) @name) (field_expression field: (field_identifier) @name)])) @reference.call
(macro_invocation macro: (identifier) @name) @reference.call
(struct_expression name: (type_identifier) @name) @reference.call

(use_declaration argument: (identifier) @name @module) @reference.import
(use_declaration argument: (scoped_identifier path: (_) @module name: (identifier) @name)) @reference.import
(use_declaration argument: (use_as_clause path: (_) @module alias: (identifier) @name)) @reference.import
(use_declaration argument: (use_wildcard (_) @module) @name) @reference.import
(scoped_use_list path: (_) @module list: (use_list (identifier) @name)) @reference.import
(scoped_use_list path: (_) @module list: (use_list (scoped_identifier name: (identifier) @name))) @reference.import
(scoped_use_list path: (_) @module list: (use_list (use_as_clause alias: (identifier) @name))) @reference.import
(extern_crate_declaration name: (identifier) @name @module) @reference.import

(impl_item trait: [(type_identifier) @name (generic_type type: (type_identifier) @name) (scoped_type_identifier name: (type_identifier) @name)]) @reference.heritage
(trait_item bounds: (trait_bounds [(type_identifier) @name (generic_type type: (type_identifier) @name) (scoped_type_identifier name: (type_identifier) @name)])) @reference.heritage

; type parameters are declarations, not references: their names filter the type references
(type_parameter name: (type_identifier) @typeparam)
(type_identifier) @reference.type

; ---- comments and attributes -------------------------------------------------
(line_comment) @comment
(block_comment) @comment
(attribute_item) @transparent
