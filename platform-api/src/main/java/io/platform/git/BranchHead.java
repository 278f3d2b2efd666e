package io.platform.git;

/** A branch resolved to the commit a deployment builds from. */
public record BranchHead(String branch, String commit) {
}
