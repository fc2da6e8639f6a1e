package dev.oktagroups.sandbox;

import java.util.List;
import java.util.Map;

/**
 * One request the sandbox served and its response, as seen on the wire, for contract tests and
 * request logs.
 *
 * @param template the matched path template, e.g. {@code /api/v1/groups/{groupId}}; empty when no
 *     route matched
 */
public record Exchange(
    String method,
    String path,
    String query,
    String template,
    byte[] requestBody,
    int status,
    Map<String, List<String>> responseHeaders,
    byte[] responseBody) {}
