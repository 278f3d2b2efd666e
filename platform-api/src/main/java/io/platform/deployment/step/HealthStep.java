package io.platform.deployment.step;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.ConnectException;
import java.time.Duration;

import io.platform.PlatformProperties;
import io.platform.deployment.OutputLine;
import io.platform.deployment.StepName;
import io.platform.env.runtime.Workload;
import io.platform.env.runtime.WorkloadState;

import org.springframework.stereotype.Component;

/**
 * The health gate: the new instance must answer its health path with 2xx before the deadline, and must
 * not exit or restart meanwhile. Otherwise the reason and the end of the app's output make the error.
 */
@Component
class HealthStep implements Step {

	private static final int OUTPUT_LINES = 30;

	private final Duration deadline;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	HealthStep(PlatformProperties properties) {
		this.deadline = properties.deploy().healthTimeout();
	}

	@Override
	public StepName name() {
		return StepName.HEALTH;
	}

	@Override
	public String run(StepContext context) throws InterruptedException {
		Workload workload = context.workload();
		String path = context.application().getHealthPath();
		URI uri = URI.create(workload.baseUrl() + path);
		context.log("[health] waiting up to " + deadline.toSeconds() + " s for 2xx from GET " + path);
		long start = System.nanoTime();
		long end = start + deadline.toNanos();
		String last = "no answer yet";
		while (System.nanoTime() < end) {
			context.cancellation().throwIfRequested();
			WorkloadState state = context.runtime().inspect(workload.id());
			if (state.phase() == WorkloadState.Phase.EXITED || state.phase() == WorkloadState.Phase.MISSING) {
				throw failure(context, "The new instance stopped before it became healthy ("
						+ describe(state) + ").");
			}
			if (state.restartCount() > 0) {
				throw failure(context, "The new instance restarted " + state.restartCount()
						+ " time(s) before it became healthy.");
			}
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() / 100 == 2) {
					long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
					context.log("[health] " + response.statusCode() + " after " + millis + " ms");
					return "healthy after " + millis + " ms";
				}
				last = "answered HTTP " + response.statusCode();
			}
			catch (ConnectException ex) {
				last = "connection refused";
			}
			catch (HttpTimeoutException ex) {
				last = "no answer within 3 s";
			}
			catch (IOException ex) {
				last = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
			}
			// Short: the gate adds at most this much to every deployment.
			Thread.sleep(100);
		}
		throw failure(context, "The new instance did not answer GET " + path + " with 2xx within "
				+ deadline.toSeconds() + " s (last: " + last + "). Check that it listens on SERVER_PORT ("
				+ context.application().getPort() + ") and that the health path is right.");
	}

	private static StepFailure failure(StepContext context, String reason) {
		String output = String.join("\n",
				context.runtime().tail(context.workload().id(), OUTPUT_LINES).stream().map(OutputLine::neutralise).toList());
		context.log("[health] " + reason);
		return new StepFailure(output.isBlank() ? reason : reason + "\nThe last lines of its output:\n" + output);
	}

	private static String describe(WorkloadState state) {
		StringBuilder text = new StringBuilder(state.phase() == WorkloadState.Phase.MISSING ? "it is gone" : "exited");
		if (state.exitCode() != null) {
			text.append(" with code ").append(state.exitCode());
		}
		if (state.message() != null && !state.message().isBlank() && !state.message().startsWith("exited with code")) {
			text.append(", ").append(state.message());
		}
		return text.toString();
	}

}
