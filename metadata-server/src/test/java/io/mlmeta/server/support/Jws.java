package io.mlmeta.server.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compact JSON Web Signatures (RFC 7515) and JSON Web Keys (RFC 7517) built with java.security
 * alone, so the tokens the server verifies are not produced by the library that verifies them.
 */
public final class Jws {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Jws() {}

  /** A fresh RSA 2048 (for RS256) or EC P-256 (for ES256) key pair. */
  public static KeyPair keyPair(String alg) {
    try {
      if (alg.equals("RS256")) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code claims} signed with {@code key} under {@code alg} (RS256 or ES256), naming {@code kid}.
   */
  public static String sign(String alg, String kid, PrivateKey key, Map<String, ?> claims) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", alg);
    header.put("typ", "JWT");
    header.put("kid", kid);
    String signingInput = part(header) + "." + part(claims);
    try {
      // ES256 signatures are R || S (RFC 7518 3.4), which is the JDK's P1363 format.
      Signature signature =
          Signature.getInstance(
              alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsecured JWS ({@code alg: none}, empty signature), which no verifier should accept. */
  public static String unsigned(Map<String, ?> claims) {
    return part(Map.of("alg", "none", "typ", "JWT")) + "." + part(claims) + ".";
  }

  /** The public JWK of {@code key}. */
  public static Map<String, Object> jwk(String alg, String kid, PublicKey key) {
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kid", kid);
    jwk.put("use", "sig");
    jwk.put("alg", alg);
    if (key instanceof RSAPublicKey rsa) {
      jwk.put("kty", "RSA");
      jwk.put("n", unsigned(rsa.getModulus(), 256));
      jwk.put("e", unsigned(rsa.getPublicExponent(), 0));
    } else {
      ECPublicKey ec = (ECPublicKey) key;
      jwk.put("kty", "EC");
      jwk.put("crv", "P-256");
      jwk.put("x", unsigned(ec.getW().getAffineX(), 32));
      jwk.put("y", unsigned(ec.getW().getAffineY(), 32));
    }
    return jwk;
  }

  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(byte[] json) {
    try {
      return JSON.readValue(json, Map.class);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String part(Map<String, ?> value) {
    return BASE64URL.encodeToString(json(value).getBytes(StandardCharsets.UTF_8));
  }

  /** Big-endian bytes without a sign byte, left-padded to {@code length} when that is not 0. */
  private static String unsigned(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    if (length > bytes.length) {
      byte[] padded = new byte[length];
      System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
      bytes = padded;
    }
    return BASE64URL.encodeToString(bytes);
  }
}
