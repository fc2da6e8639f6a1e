/**
 * Validation: the JSON Schema check and the semantic rules that together gate every merge.
 *
 * <p>{@link dev.oktagroups.validate.Validator} runs all of them over a whole repository and returns
 * every finding at once, each built from an entry of the {@link dev.oktagroups.diag.Rule}
 * catalogue. The semantic rules come in families, one {@code GroupCheck} each, plus the checks of
 * okta-groups.yaml and the ones that compare manifests. Pure: inputs are file bytes, outputs are
 * records.
 *
 * <p>May import: {@code diag}, {@code manifest}, {@code source} (records only), Jackson, everit,
 * org.json, the JDK.
 *
 * <p>org.json is imported on purpose, and only by {@code SchemaCheck}: it is everit's API (everit
 * loads schemas from, and validates, org.json values), so the YAML tree is converted to it right
 * before validation and never leaves that class.
 */
package dev.oktagroups.validate;
