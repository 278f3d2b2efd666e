package io.platform.support.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets (access tokens, webhook secrets, secret bindings) for storage with AES-256-GCM. Each
 * value gets a random 12-byte IV and is stored as {@code v1:} followed by base64 of IV, ciphertext and
 * tag, so a later format or key can be told apart. A changed byte or another key fails to decrypt.
 *
 * <p>The master key comes from the environment variable {@code PLATFORM_MASTER_KEY} (base64 of 32
 * bytes) or else from {@code {platform.home}/master.key}, created on first use readable by the owner only.
 */
public final class SecretCipher {

	public static final String ENV_VARIABLE = "PLATFORM_MASTER_KEY";

	static final String VERSION = "v1:";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKey key;

	public SecretCipher(byte[] key) {
		if (key.length != 32) {
			throw new IllegalArgumentException("The master key must be 32 bytes (AES-256), not " + key.length);
		}
		this.key = new SecretKeySpec(key.clone(), "AES");
	}

	/** The key from {@code envValue} when set (base64), else from {@code home/master.key}, created when absent. */
	public static SecretCipher of(String envValue, Path home) {
		if (envValue != null && !envValue.isBlank()) {
			byte[] key;
			try {
				key = Base64.getDecoder().decode(envValue.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(ENV_VARIABLE + " is not valid base64", ex);
			}
			if (key.length != 32) {
				throw new IllegalStateException(ENV_VARIABLE + " must hold 32 bytes in base64, not " + key.length);
			}
			return new SecretCipher(key);
		}
		return new SecretCipher(keyFile(home.resolve("master.key")));
	}

	/** A new random value for a secret the platform makes itself (a webhook token), URL-safe base64. */
	public static String randomToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public String encrypt(String plain) {
		byte[] iv = new byte[IV_BYTES];
		RANDOM.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			return VERSION + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/** @throws IllegalStateException when the value was changed or was sealed with another key */
	public String decrypt(String stored) {
		if (stored == null || !stored.startsWith(VERSION)) {
			throw new IllegalStateException("Not a secret sealed by this platform (no " + VERSION + " prefix)");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(stored.substring(VERSION.length()));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("A stored secret is damaged (not base64)", ex);
		}
		if (bytes.length < IV_BYTES + TAG_BITS / 8) {
			throw new IllegalStateException("A stored secret is damaged (too short)");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
			return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (AEADBadTagException ex) {
			throw new IllegalStateException(
					"A stored secret cannot be decrypted: it was changed, or sealed with another master key", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	private static byte[] keyFile(Path file) {
		try {
			if (!Files.exists(file)) {
				byte[] key = new byte[32];
				RANDOM.nextBytes(key);
				Files.createDirectories(file.toAbsolutePath().getParent());
				try {
					// Created with owner-only permissions from the start: the key is never readable by others.
					if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
						Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
					}
					else {
						Files.createFile(file);
					}
					Files.write(file, Base64.getEncoder().encode(key), StandardOpenOption.TRUNCATE_EXISTING);
					return key;
				}
				catch (FileAlreadyExistsException ex) {
					// Another process made it first: use theirs.
				}
			}
			byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
			if (key.length != 32) {
				throw new IllegalStateException("The master key file " + file + " must hold 32 bytes in base64");
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the master key " + file, ex);
		}
	}

}
