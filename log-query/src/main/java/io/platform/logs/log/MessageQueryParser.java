package io.platform.logs.log;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.RegexpQuery;

/**
 * Parses {@link LogQuery#q()} with Lucene's classic query syntax, the syntax Elasticsearch's
 * {@code query_string} also accepts, so both stores reject the same queries with the same positions.
 *
 * <p>Queries that would walk every term of the index are refused, in both stores alike: a leading
 * wildcard ({@code *timeout}) and a regular expression ({@code /.*&#47;}), whose cost has no bound a search
 * box should allow.
 */
public final class MessageQueryParser {

	/** The field the text query searches. */
	public static final String FIELD = "message";

	private static final Pattern COLUMN = Pattern.compile("line \\d+, column (\\d+)");

	private MessageQueryParser() {
	}

	/**
	 * The query over {@code field} analyzed with {@code analyzer}; terms are ANDed unless OR is written.
	 * @throws LogQuerySyntaxException when {@code q} is not valid syntax
	 */
	public static Query parse(String q, String field, Analyzer analyzer) {
		QueryParser parser = new QueryParser(field, analyzer);
		parser.setDefaultOperator(QueryParser.Operator.AND);
		parser.setAllowLeadingWildcard(false);
		Query query;
		try {
			query = parser.parse(q);
		}
		catch (ParseException ex) {
			throw syntaxError(q, ex);
		}
		catch (IllegalArgumentException ex) {
			// an invalid /regular expression/ fails while the query is built
			int slash = q.indexOf('/');
			throw new LogQuerySyntaxException(q, Math.max(0, slash), String.valueOf(ex.getMessage()));
		}
		rejectOtherFields(q, query, field);
		rejectRegularExpressions(q, query);
		return query;
	}

	private static void rejectRegularExpressions(String q, Query query) {
		boolean[] regexp = { false };
		query.visit(new QueryVisitor() {

			@Override
			public void visitLeaf(Query leaf) {
				regexp[0] |= leaf instanceof RegexpQuery;
			}

			@Override
			public void consumeTermsMatching(Query leaf, String name,
					java.util.function.Supplier<org.apache.lucene.util.automaton.ByteRunAutomaton> automaton) {
				regexp[0] |= leaf instanceof RegexpQuery;
			}

			@Override
			public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
				return this;
			}

		});
		if (regexp[0]) {
			throw new LogQuerySyntaxException(q, Math.max(0, unescapedSlash(q)),
					"regular expressions (/.../) are not supported, they scan every word ever logged; search for"
							+ " words, a \"phrase\" or a prefix such as time*, or escape the slash as \\/");
		}
	}

	private static int unescapedSlash(String q) {
		for (int i = 0; i < q.length(); i++) {
			if (q.charAt(i) == '\\') {
				i++;
			}
			else if (q.charAt(i) == '/') {
				return i;
			}
		}
		return -1;
	}

	// Level, trace id, service... have their own parameters; "level:ERROR" in the text would match
	// differently in each store, so only the message can be searched here.
	private static void rejectOtherFields(String q, Query query, String field) {
		Set<String> fields = new TreeSet<>();
		query.visit(new QueryVisitor() {

			@Override
			public boolean acceptField(String name) {
				fields.add(name);
				return false;
			}

			@Override
			public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
				return this;
			}

		});
		fields.remove(field);
		if (!fields.isEmpty()) {
			String other = fields.iterator().next();
			int position = Math.max(0, q.indexOf(other + ":"));
			throw new LogQuerySyntaxException(q, position, "only the message can be searched, not '" + other
					+ "'; use the level, traceId, from and to parameters, or escape the colon as \\:");
		}
	}

	/** Checks the syntax only. @throws LogQuerySyntaxException when {@code q} is not valid syntax */
	public static void validate(String q) {
		try (Analyzer analyzer = new StandardAnalyzer()) {
			parse(q, FIELD, analyzer);
		}
	}

	static LogQuerySyntaxException syntaxError(String q, ParseException ex) {
		// QueryParser.parse wraps the parser's own ParseException (which knows the offending token) or a
		// TokenMgrError (lexical: only a column in its message).
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		int position = -1;
		String problem;
		if (cause instanceof ParseException parse && parse.currentToken != null && parse.currentToken.next != null) {
			Token bad = parse.currentToken.next;
			// Lucene's FastCharStream counts columns from 0
			position = (bad.kind == 0) ? q.length() : bad.beginColumn;
			problem = (bad.kind == 0) ? "the query ends too early" : "unexpected '" + bad.image + "'";
		}
		else {
			Matcher column = COLUMN.matcher(String.valueOf(cause.getMessage()));
			if (column.find()) {
				position = Math.min(q.length(), Integer.parseInt(column.group(1)));
			}
			problem = "unexpected character or unterminated quote";
		}
		if (position < 0) {
			position = 0;
		}
		return new LogQuerySyntaxException(q, position, problem + hint(q, position)
				+ " (quote phrases with \", put a term on both sides of AND/OR, close every '(' and '\"',"
				+ " escape special characters such as : / [ ] with \\)");
	}

	private static String hint(String q, int position) {
		int start = Math.max(0, position - 20);
		int end = Math.min(q.length(), position + 20);
		return " near '" + q.substring(start, position) + ">>" + q.substring(position, end) + "'";
	}

}
