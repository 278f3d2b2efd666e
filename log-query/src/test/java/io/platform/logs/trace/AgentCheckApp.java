package io.platform.logs.trace;

/**
 * The smallest application to attach the SkyWalking agent to: it does nothing until its standard input closes,
 * so it never outlives the test that started it.
 */
public final class AgentCheckApp {

	private AgentCheckApp() {
	}

	public static void main(String[] args) throws Exception {
		System.out.println("agent check app running");
		System.out.flush();
		while (System.in.read() >= 0) {
			// wait for the parent to go away
		}
	}

}
