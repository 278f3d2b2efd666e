package io.platform.git;

import java.util.List;

/** One page of branches, with the total the provider reports ({@code total} may be null when it does not count). */
public record BranchPage(List<Branch> branches, int page, int perPage, Integer total, Integer totalPages) {

	/** A page cut out of the whole list, for providers that list every branch anyway. */
	public static BranchPage of(List<Branch> all, String search, int page, int perPage) {
		String needle = search == null ? "" : search.strip().toLowerCase();
		List<Branch> matching = needle.isEmpty() ? all
				: all.stream().filter(b -> b.name().toLowerCase().contains(needle)).toList();
		int from = (int) Math.min((long) (page - 1) * perPage, matching.size());
		int to = Math.min(from + perPage, matching.size());
		int totalPages = matching.isEmpty() ? 0 : (matching.size() + perPage - 1) / perPage;
		return new BranchPage(List.copyOf(matching.subList(from, to)), page, perPage, matching.size(), totalPages);
	}

}
