package io.platform.identity;

import io.platform.support.web.InvalidInputException;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class FirstAdminTest {

	@Test
	void withoutAConfiguredPasswordALongRandomOneIsMade() {
		Users users = mock(Users.class);
		when(users.anyAdmin()).thenReturn(false);
		new FirstAdmin(users, "").run(null);
		ArgumentCaptor<String> password = ArgumentCaptor.forClass(String.class);
		verify(users).ensureAdmin(org.mockito.ArgumentMatchers.eq("admin"), password.capture());
		assertThat(password.getValue()).hasSizeGreaterThanOrEqualTo(Users.MIN_PASSWORD_LENGTH);
		new FirstAdmin(users, "").run(null);
		ArgumentCaptor<String> second = ArgumentCaptor.forClass(String.class);
		verify(users, org.mockito.Mockito.times(2)).ensureAdmin(anyString(), second.capture());
		assertThat(second.getAllValues().get(1)).isNotEqualTo(password.getValue());
	}

	@Test
	void aConfiguredPasswordMustBeLongEnough() {
		Users users = mock(Users.class);
		when(users.anyAdmin()).thenReturn(false);
		assertThatThrownBy(() -> new FirstAdmin(users, "short").run(null)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("12 characters");
		verify(users, never()).ensureAdmin(anyString(), anyString());
	}

	@Test
	void onceThereIsAnAdminNothingChanges() {
		Users users = mock(Users.class);
		when(users.anyAdmin()).thenReturn(true);
		new FirstAdmin(users, "a-perfectly-long-password").run(null);
		verify(users, never()).ensureAdmin(anyString(), anyString());
	}

}
