package com.usepylon.jira.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which network a wrong token is counted against. */
class GuessThrottleNetworkTest {

    @Test
    void ipv4_countsTheAddressItself() {
        assertThat(GuessThrottle.network("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void ipv6_countsItsSlash64_whateverTheInterfacePart() {
        assertThat(GuessThrottle.network("2001:db8:7:1::1")).isEqualTo("2001:db8:7:1::/64");
        assertThat(GuessThrottle.network("2001:db8:7:1:ffff:1:2:3")).isEqualTo("2001:db8:7:1::/64");
        assertThat(GuessThrottle.network("2001:db8:7:2::1")).isEqualTo("2001:db8:7:2::/64");
    }

    @Test
    void ipv4MappedIpv6_countsTheIpv4Address() {
        assertThat(GuessThrottle.network("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void somethingThatIsNoAddress_isCountedAsItIs_cutShort_andNeverLookedUp() {
        assertThat(GuessThrottle.network("pylon.invalid")).isEqualTo("pylon.invalid");
        assertThat(GuessThrottle.network("x".repeat(500))).hasSize(100);
    }
}
