/**
 * Validation: the JSON Schema check and the semantic rules that together gate every merge.
 *
 * <p>{@link dev.oktagroups.validate.Validator} runs all of them over a whole repository and
 * returns every finding at once, each built from an entry of the {@link dev.oktagroups.diag.Rule}
 * catalogue. Pure: inputs are file bytes, outputs are records.
 *
 * <p>May import: {@code diag}, {@code manifest}, {@code source} (records only), Jackson, everit.
 */
package dev.oktagroups.validate;
