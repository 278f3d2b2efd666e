package io.platform.release;

import jakarta.validation.constraints.Size;

/** Starts a stage; {@code emergency} with a {@code reason} starts it outside the release windows. */
record StartStageRequest(Boolean emergency,
		@Size(max = 1000, message = "must be at most 1000 characters") String reason) {

	boolean isEmergency() {
		return Boolean.TRUE.equals(emergency);
	}

}
