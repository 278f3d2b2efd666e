package io.platform.gitlab;

import java.util.List;
import java.util.NoSuchElementException;

import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.Pager;

/** Reads one page through gitlab4j's pager, which reports GitLab's X-Total and X-Total-Pages headers. */
final class GitLabPages {

	private GitLabPages() {
	}

	interface PagerCall<T> {

		Pager<T> open() throws GitLabApiException;

	}

	record Result<T>(List<T> items, Integer total, Integer totalPages) {
	}

	static <T> Result<T> page(PagerCall<T> call, int page) throws GitLabApiException {
		Pager<T> pager = call.open();
		Integer total = pager.getTotalItems() < 0 ? null : pager.getTotalItems();
		Integer totalPages = pager.getTotalPages() < 0 ? null : pager.getTotalPages();
		if (page == 1) {
			return new Result<>(pager.current(), total, totalPages);
		}
		try {
			return new Result<>(pager.page(page), total, totalPages);
		}
		catch (NoSuchElementException ex) {
			// Past the last page: nothing there, as GitLab itself answers.
			return new Result<>(List.of(), total, totalPages);
		}
		catch (RuntimeException ex) {
			if (ex.getCause() instanceof GitLabApiException api) {
				throw api;
			}
			throw ex;
		}
	}

}
