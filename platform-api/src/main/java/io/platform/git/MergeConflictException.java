package io.platform.git;

import java.util.List;

/** Ticked branches that cannot be merged automatically; names the branches and the files. */
public class MergeConflictException extends RuntimeException {

	private final List<String> branches;

	private final List<String> files;

	public MergeConflictException(List<String> branches, List<String> files) {
		super("Branches " + String.join(" and ", branches) + " conflict in " + String.join(", ", files)
				+ "; merge them in Git and deploy again.");
		this.branches = List.copyOf(branches);
		this.files = List.copyOf(files);
	}

	public List<String> branches() {
		return branches;
	}

	public List<String> files() {
		return files;
	}

}
