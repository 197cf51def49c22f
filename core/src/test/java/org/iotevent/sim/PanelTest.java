package org.iotevent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** simulate --homes: independent homes, each with its own seed, addresses, MACs and clock. */
class PanelTest {
    @Test
    void homesDifferInSeedAddressesAndClock() {
        SimulationOptions o = SimulationOptions.defaults(7).withVantages(EnumSet.of(Vantage.LAN));
        List<Panel.Member> homes = Panel.members(HomeReader.defaultHome(), 50, o);
        assertThat(homes).extracting(m -> m.options().seed()).doesNotHaveDuplicates();
        assertThat(homes).extracting(m -> m.home().wanAddress()).doesNotHaveDuplicates();
        assertThat(homes).extracting(m -> m.options().startNanos()).doesNotHaveDuplicates();
        assertThat(homes).extracting(Panel.Member::clockErrorNanos)
                .anyMatch(e -> e < -60_000_000_000L).anyMatch(e -> e > 60_000_000_000L);
        assertThat(homes).extracting(m -> HomeSimulator.cloudAddresses(m.home()).get("a2.tuyaeu.com"))
                .as("cloud addresses per home").hasSizeGreaterThan(1).filteredOn(a -> a != null).isNotEmpty();
        assertThat(Set.copyOf(homes.stream().map(m -> DeviceAgent.macOf(m.home().devices().get(0), 0, m.home().salt())).toList()))
                .as("MAC addresses per home").hasSizeGreaterThan(45);
        // the first homes are the same whatever the number of homes after them
        Panel.Member third = Panel.members(HomeReader.defaultHome(), 3, o).get(2);
        assertThat(List.of(third.id(), third.options(), third.home().wanAddress()))
                .isEqualTo(List.of(homes.get(2).id(), homes.get(2).options(), homes.get(2).home().wanAddress()));
    }
}
