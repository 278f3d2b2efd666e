package io.platform.deployment;

public enum StepStatus {

	PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED, CANCELLED

}
