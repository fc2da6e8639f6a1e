/**
 * Membership impact: from a plan, the desired and actual states and the people a rule's search
 * found, who gains and who loses each group, its apps and its push targets once the plan is applied
 * and Okta's rules have run. Also the loss cap, the rail that refuses a plan taking membership from
 * too many people.
 *
 * <p>Pure: the pipeline reads the directory and hands the people in. May import: {@code plan},
 * {@code state}, the JDK.
 */
package dev.oktagroups.impact;
