package io.platform.logs.log;

/**
 * The text query ({@link LogQuery#q()}) is not valid query syntax. The message says what is wrong and where;
 * {@link #position()} is the 0-based character offset in the query where the problem was found.
 */
public class LogQuerySyntaxException extends IllegalArgumentException {

	private final String query;

	private final int position;

	public LogQuerySyntaxException(String query, int position, String problem) {
		super("Invalid query at position " + position + ": " + problem);
		this.query = query;
		this.position = position;
	}

	public String query() {
		return this.query;
	}

	public int position() {
		return this.position;
	}

}
