package io.platform.deployment;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The deployment flow on the process runtime (the embedded default without Docker). */
class ProcessDeploymentIT extends DeploymentFlowTests {

	@DynamicPropertySource
	static void runtime(DynamicPropertyRegistry registry) throws Exception {
		properties(registry, "process");
	}

}
