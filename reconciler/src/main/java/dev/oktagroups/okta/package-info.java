/**
 * The Okta adapter: the only package that uses okta-sdk-java. It implements the {@code port}
 * interfaces, pages through list endpoints by their Link headers, paces requests by the
 * X-Rate-Limit headers, waits out 429s and retries transient errors itself (the SDK's own retries
 * are off: they ignore deadlines and fail without a Date header).
 *
 * <p>May import: {@code port}, {@code state}, {@code plan} (the read scope), okta-sdk-java,
 * Jackson, the JDK (its TLS exceptions, to tell a failed handshake from a passing fault).
 */
package dev.oktagroups.okta;
