package io.platform.logs.trace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OapIdsTest {

	@Test
	void idsAreTheOnesOapGivesForTheNames() {
		// As OAP 10.1.0 answered listServices and listInstances for these names.
		assertThat(OapIds.serviceId("dev::orders")).isEqualTo("ZGV2OjpvcmRlcnM=.1");
		assertThat(OapIds.instanceId("ZGV2OjpvcmRlcnM=.1", "42")).isEqualTo("ZGV2OjpvcmRlcnM=.1_NDI=");
		assertThat(OapIds.serviceId("dev::agentcheck|dev|")).isEqualTo("ZGV2OjphZ2VudGNoZWNrfGRldnw=.1");
	}

	@Test
	void namesAreEncodedAsUtf8() {
		assertThat(OapIds.serviceId("dev::commandes-été")).isEqualTo("ZGV2Ojpjb21tYW5kZXMtw6l0w6k=.1");
	}

}
