; SmallCode symbol query for Go (capture names: see typescript.scm).
; @container on a method's receiver type names the type the method belongs to.

; ---- definitions -------------------------------------------------------------
(function_declaration name: (identifier) @name) @definition.function
(method_declaration
  receiver: (parameter_list (parameter_declaration type: [
    (type_identifier) @container
    (pointer_type (type_identifier) @container)
    (generic_type type: (type_identifier) @container)
    (pointer_type (generic_type type: (type_identifier) @container))]))
  name: (field_identifier) @name) @definition.method
(type_spec name: (type_identifier) @name type: (struct_type)) @definition.class
(type_spec name: (type_identifier) @name type: (interface_type)) @definition.interface
(type_spec name: (type_identifier) @name type: [(type_identifier) (qualified_type) (generic_type) (pointer_type) (slice_type) (map_type) (array_type) (function_type) (channel_type)]) @definition.type
(type_alias name: (type_identifier) @name) @definition.type
(field_declaration name: (field_identifier) @name) @definition.field
(method_elem name: (field_identifier) @name) @definition.method
(source_file (const_declaration (const_spec name: (identifier) @name) @definition.constant))
(source_file (var_declaration (var_spec name: (identifier) @name) @definition.variable))
(source_file (var_declaration (var_spec_list (var_spec name: (identifier) @name) @definition.variable)))

; ---- references --------------------------------------------------------------
(call_expression function: (identifier) @reference.call)
(call_expression function: (selector_expression field: (field_identifier) @reference.call))
(composite_literal type: (type_identifier) @reference.call)

(import_spec name: (package_identifier) @reference.import path: (interpreted_string_literal (interpreted_string_literal_content) @module))
(import_spec !name path: (interpreted_string_literal (interpreted_string_literal_content) @module @reference.import))

(struct_type (field_declaration_list (field_declaration !name type: (type_identifier) @reference.heritage)))
(struct_type (field_declaration_list (field_declaration !name type: (pointer_type (type_identifier) @reference.heritage))))
(interface_type (type_elem (type_identifier) @reference.heritage))

; type parameters are declarations, not references: their names filter the type references
(type_parameter_declaration name: (identifier) @typeparam)
(type_identifier) @reference.type
(qualified_type name: (type_identifier) @reference.type)

; ---- comments ----------------------------------------------------------------
(comment) @comment
