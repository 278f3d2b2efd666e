package io.platform.logs.log;

/**
 * Where output lines come from: the deployment's application, environment, deployment id and the instance
 * (container) that wrote them.
 */
public record LogOrigin(String service, String env, String deploymentId, String instance) {

}
