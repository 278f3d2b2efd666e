package io.platform.support.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * The top-level fields a JSON request body names, for updates that leave what they do not mention: a
 * handler asks with a {@code @RequestAttribute(MentionedFields.ATTRIBUTE) Set<String>} parameter after its
 * {@code @RequestBody}. A record cannot tell a field left out from one sent as {@code null}; this can.
 */
@ControllerAdvice
public class MentionedFields extends RequestBodyAdviceAdapter {

	/** The request attribute holding the names, a {@code Set<String>}. */
	public static final String ATTRIBUTE = "io.platform.mentionedFields";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return Arrays.stream(parameter.getExecutable().getParameters())
			.map(p -> p.getAnnotation(RequestAttribute.class))
			.anyMatch(a -> a != null && (ATTRIBUTE.equals(a.value()) || ATTRIBUTE.equals(a.name())));
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		byte[] body = input.getBody().readAllBytes();
		Set<String> names = new LinkedHashSet<>();
		try {
			JsonNode tree = JSON.readTree(body);
			if (tree != null && tree.isObject()) {
				names.addAll(tree.propertyNames());
			}
		}
		catch (JacksonException ex) {
			// The converter reads the same bytes next and answers the client with what is wrong.
		}
		RequestContextHolder.currentRequestAttributes().setAttribute(ATTRIBUTE, names, RequestAttributes.SCOPE_REQUEST);
		return new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(body);
			}

			@Override
			public HttpHeaders getHeaders() {
				return input.getHeaders();
			}

		};
	}

}
