package io.platform.logs.oap;

import org.apache.skywalking.oap.server.starter.OAPServerStartUp;

/**
 * Runs SkyWalking OAP until its standard input closes, so the server never outlives the test JVM that
 * started it (OAP's own main runs until it is killed).
 */
public final class OapMain {

	private OapMain() {
	}

	public static void main(String[] args) throws Exception {
		OAPServerStartUp.main(args);
		while (System.in.read() >= 0) {
			// wait for the parent to go away
		}
		System.exit(0);
	}

}
