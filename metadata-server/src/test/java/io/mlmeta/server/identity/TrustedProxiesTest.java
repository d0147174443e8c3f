package io.mlmeta.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  @Test
  void ipv4BlocksContainTheirAddressesOnly() throws Exception {
    TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "192.168.4.0/22"));

    assertThat(proxies.contains(ip("10.200.3.4"))).isTrue();
    assertThat(proxies.contains(ip("11.0.0.1"))).isFalse();
    assertThat(proxies.contains(ip("192.168.7.255"))).isTrue();
    assertThat(proxies.contains(ip("192.168.8.0"))).isFalse();
    assertThat(proxies.contains(ip("192.168.3.255"))).isFalse();
  }

  @Test
  void aSingleAddressIsItsOwnBlock() throws Exception {
    TrustedProxies proxies = TrustedProxies.parse(List.of("172.16.0.7", "::1"));

    assertThat(proxies.contains(ip("172.16.0.7"))).isTrue();
    assertThat(proxies.contains(ip("172.16.0.8"))).isFalse();
    assertThat(proxies.contains(ip("::1"))).isTrue();
    assertThat(proxies.contains(ip("::2"))).isFalse();
  }

  @Test
  void ipv6BlocksAndIpv4MappedClients() throws Exception {
    TrustedProxies proxies =
        TrustedProxies.parse(List.of("fd00::/8", "[2001:db8::]/33", "10.0.0.0/8"));

    assertThat(proxies.contains(ip("fd12:3456::1"))).isTrue();
    assertThat(proxies.contains(ip("fe00::1"))).isFalse();
    assertThat(proxies.contains(ip("2001:db8:7fff::1"))).isTrue();
    assertThat(proxies.contains(ip("2001:db8:8000::1"))).isFalse();
    // A dual-stack socket reports an IPv4 peer in its mapped form.
    assertThat(proxies.contains(InetAddress.getByAddress(mapped(10, 1, 2, 3)))).isTrue();
    assertThat(proxies.contains(InetAddress.getByAddress(mapped(11, 1, 2, 3)))).isFalse();
  }

  @Test
  void anIpv4ClientIsNeverInAnIpv6BlockAndTheOtherWayRound() throws Exception {
    TrustedProxies proxies = TrustedProxies.parse(List.of("::/0"));

    assertThat(proxies.contains(ip("8.8.8.8"))).isFalse();
    assertThat(TrustedProxies.parse(List.of("0.0.0.0/0")).contains(ip("::1"))).isFalse();
  }

  @Test
  void noneAndBlankEntriesTrustNobody() throws Exception {
    assertThat(TrustedProxies.none().contains(ip("127.0.0.1"))).isFalse();
    assertThat(TrustedProxies.parse(List.of(" ", "")).isEmpty()).isTrue();
  }

  @Test
  void badEntriesAreRefusedByName() {
    assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/8", "gateway.local")))
        .hasMessage("trusted proxy 'gateway.local' is not valid: it is not an IP address literal");
    assertThatThrownBy(() -> TrustedProxies.parse(List.of("300.1.1.1")))
        .hasMessageContaining("'300.1.1.1'")
        .hasMessageContaining("not an IP address literal");
    assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33")))
        .hasMessage(
            "trusted proxy '10.0.0.0/33' is not valid: the prefix length must be between 0 and 32");
    assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/x")))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.1.0.0/8")))
        .hasMessageContaining("bits are set past the prefix");
    assertThatThrownBy(() -> TrustedProxies.parse(List.of("fd00::1:/64")))
        .hasMessageContaining("'fd00::1:/64'");
  }

  private static byte[] mapped(int a, int b, int c, int d) {
    return new byte[] {
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) a, (byte) b, (byte) c, (byte) d
    };
  }
}
