package io.platform.support.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.platform.env.runtime.RuntimeFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where errors become RFC 9457 problem details. Invalid fields are listed under
 * {@code errors} ({@code [{field, message}]}) so a form can show each message beside its field.
 */
@RestControllerAdvice
class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

	@ExceptionHandler(PlatformException.class)
	ResponseEntity<ProblemDetail> platform(PlatformException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		problem.setTitle(ex.title());
		if (ex instanceof InvalidInputException invalid && invalid.field() != null) {
			problem.setProperty("errors", List.of(fieldError(invalid.field(), invalid.getMessage())));
		}
		if (ex instanceof UpstreamException) {
			log.warn("{}", ex.getMessage(), ex.getCause());
		}
		if (ex instanceof TooManyRequestsException tooMany) {
			return ResponseEntity.status(ex.status())
				.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, tooMany.retryAfter().toSeconds())))
				.body(problem);
		}
		return ResponseEntity.status(ex.status()).body(problem);
	}

	/** A runtime (a Docker engine) failed or did not answer in time: its message names it and what failed. */
	@ExceptionHandler(RuntimeFailure.class)
	ResponseEntity<ProblemDetail> runtime(RuntimeFailure ex) {
		log.warn("{}", ex.getMessage(), ex.getCause());
		String detail = ex.getMessage() == null ? "The runtime failed." : ex.getMessage();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				detail.endsWith(".") ? detail : detail + ".");
		problem.setTitle("Upstream failure");
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The platform hit an internal error; its log has the details. Retrying may help.");
		problem.setTitle("Internal error");
		return ResponseEntity.internalServerError().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(e -> fieldError(e.getField(), e.getDefaultMessage()))
			.toList();
		FieldError first = ex.getBindingResult().getFieldError();
		String detail = first == null ? "The request is invalid."
				: "Field '" + first.getField() + "' " + first.getDefaultMessage() + "."
						+ (errors.size() > 1 ? " (" + (errors.size() - 1) + " more problem(s) listed in errors)" : "");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid input");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				ex.getAllErrors().isEmpty() ? "The request is invalid." : ex.getAllErrors().get(0).getDefaultMessage());
		problem.setTitle("Invalid input");
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestBodyLimit.TooLarge tooLarge = tooLarge(ex);
		if (tooLarge != null) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
			problem.setTitle(RequestBodyLimit.TITLE);
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is not valid JSON of the expected shape: " + rootMessage(ex));
		problem.setTitle("Invalid input");
		return ResponseEntity.badRequest().body(problem);
	}

	private static RequestBodyLimit.TooLarge tooLarge(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof RequestBodyLimit.TooLarge tooLarge) {
				return tooLarge;
			}
		}
		return null;
	}

	private static String rootMessage(Throwable ex) {
		Throwable t = ex;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
		// Jackson appends the source location on new lines; the first line is the useful part.
		int newline = message.indexOf('\n');
		return newline > 0 ? message.substring(0, newline) : message;
	}

	private static Map<String, String> fieldError(String field, String message) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("message", message);
		return error;
	}

}
