/**
 * The Okta sandbox: a stateful emulator of the parts of the Okta Management API okta-groups uses,
 * served over real HTTP on loopback so the real okta-sdk-java client talks to it.
 *
 * <p>The module's API for other code is {@link dev.oktagroups.sandbox.Sandbox} (start, seed,
 * address and token, close), {@link dev.oktagroups.sandbox.SandboxConfig} and {@link
 * dev.oktagroups.sandbox.Seed} with its records. The reconciler's main code uses these only. {@link
 * dev.oktagroups.sandbox.Faults}, {@link dev.oktagroups.sandbox.RequestStats}, {@link
 * dev.oktagroups.sandbox.Exchange} and {@code Sandbox.org()} are for tests and benchmarks, which
 * may also reach into {@code sandbox.org}.
 *
 * <p>The HTTP layer here does rate limits and fault injection ({@code Dispatcher}), authentication
 * ({@code Authenticator}), routing ({@code Router}) and one route class per resource family, the
 * control API included; the scope each route needs from an OAuth bearer token ({@code Scopes}) and
 * the org authorization server's token endpoint ({@code TokenEndpoint}). The org's behaviour lives
 * in {@code sandbox.org}; service apps, their keys and issued tokens in {@code sandbox.auth}.
 *
 * <p>May import: {@code sandbox.org}, {@code sandbox.expr}, {@code sandbox.auth}, Jackson, the JDK
 * (including com.sun.net.httpserver). Never the reconciler.
 */
package dev.oktagroups.sandbox;
