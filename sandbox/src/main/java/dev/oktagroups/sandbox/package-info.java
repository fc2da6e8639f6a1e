/**
 * The Okta sandbox: a stateful emulator of the parts of the Okta Management API okta-groups uses,
 * served over real HTTP on loopback so the real okta-sdk-java client talks to it.
 *
 * <p>{@link dev.oktagroups.sandbox.Sandbox} starts one; {@link dev.oktagroups.sandbox.SandboxConfig}
 * configures it. The HTTP layer here does routing, authentication, rate limits, fault injection
 * and the control API; the org's behaviour lives in {@code sandbox.org}.
 *
 * <p>May import: {@code sandbox.org}, {@code sandbox.expr}, Jackson, the JDK (including
 * com.sun.net.httpserver). Never the reconciler.
 */
package dev.oktagroups.sandbox;
