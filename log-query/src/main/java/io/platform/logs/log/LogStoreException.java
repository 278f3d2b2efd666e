package io.platform.logs.log;

/** The log store failed (disk, index corruption, the Elasticsearch cluster unreachable...). */
public class LogStoreException extends RuntimeException {

	public LogStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
