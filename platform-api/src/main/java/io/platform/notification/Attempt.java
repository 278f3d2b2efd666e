package io.platform.notification;

/**
 * How one attempt to send went: taken, worth trying again (a rate limit, 429, 5xx, an I/O error), or
 * refused for good; {@code answer} is what the channel said (a robot's errcode and errmsg, an SMTP reply).
 */
record Attempt(Result result, String answer, String error) {

	enum Result {

		SENT, RETRY, FAILED

	}

	static Attempt sent(String answer) {
		return new Attempt(Result.SENT, answer, null);
	}

	static Attempt retry(String answer, String error) {
		return new Attempt(Result.RETRY, answer, error);
	}

	static Attempt failed(String answer, String error) {
		return new Attempt(Result.FAILED, answer, error);
	}

}
