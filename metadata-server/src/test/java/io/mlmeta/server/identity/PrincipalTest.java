package io.mlmeta.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlmeta.server.identity.Principal.Kind;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrincipalTest {

  @Test
  void aPrincipalNeedsASubjectAndKeepsACopyOfItsGroups() {
    assertThatThrownBy(() -> new Principal(" ", Set.of(), Kind.USER))
        .hasMessage("a principal needs a subject");
    Set<String> groups = new HashSet<>(Set.of("team-a"));
    Principal principal = new Principal("bob", groups, Kind.USER);
    groups.add("admins");
    assertThat(principal.groups()).containsExactly("team-a");
    assertThat(Principal.anonymous().isAnonymous()).isTrue();
  }
}
