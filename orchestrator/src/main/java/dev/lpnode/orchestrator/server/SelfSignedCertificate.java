package dev.lpnode.orchestrator.server;

import dev.lpnode.storage.OwnerOnly;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The orchestrator's TLS identity, as go-livepeer makes it: a fresh self-signed ECDSA P-256
 * certificate at every start (valid 8765 h, 128-bit random serial, DNS name = the service host,
 * CA, server auth), written to {@code <dataDir>/cert.pem} and {@code key.pem}. Gateways never
 * verify it; they only need TLS with ALPN h2.
 */
public record SelfSignedCertificate(String certPem, String keyPem, Path certFile, Path keyFile) {
  private static final Duration VALIDITY = Duration.ofHours(8765);

  public static SelfSignedCertificate generate(String host, Path dataDir) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair keys = generator.generateKeyPair();

      Instant now = Instant.now();
      X500Name subject = new X500Name("O=Livepeer,CN=" + host);
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(128, new SecureRandom()),
          Date.from(now), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
      var certificate = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));

      String certPem = pem(new PemObject("CERTIFICATE", certificate.getEncoded()));
      // PKCS#8 ("PRIVATE KEY") rather than SEC1: every TLS stack, Vert.x's included, reads it.
      String keyPem = pem(new PemObject("PRIVATE KEY", PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded()).getEncoded()));

      OwnerOnly.createDirectories(dataDir);
      Path certFile = dataDir.resolve("cert.pem");
      Path keyFile = dataDir.resolve("key.pem");
      Files.writeString(certFile, certPem, StandardCharsets.US_ASCII);
      OwnerOnly.write(keyFile, keyPem.getBytes(StandardCharsets.US_ASCII));
      return new SelfSignedCertificate(certPem, keyPem, certFile, keyFile);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the TLS certificate in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static String pem(PemObject object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
