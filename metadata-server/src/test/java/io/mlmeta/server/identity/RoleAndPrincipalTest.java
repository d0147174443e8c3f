package io.mlmeta.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlmeta.server.identity.Principal.Kind;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleAndPrincipalTest {

  @Test
  void eachRoleIncludesTheWeakerOnes() {
    assertThat(Role.OWNER.includes(Role.WRITER)).isTrue();
    assertThat(Role.OWNER.includes(Role.READER)).isTrue();
    assertThat(Role.WRITER.includes(Role.READER)).isTrue();
    assertThat(Role.WRITER.includes(Role.OWNER)).isFalse();
    assertThat(Role.READER.includes(Role.WRITER)).isFalse();
    assertThat(Role.READER.includes(Role.READER)).isTrue();
    assertThat(Role.strongest(Role.READER, Role.OWNER)).isEqualTo(Role.OWNER);
    assertThat(Role.strongest(Role.WRITER, Role.READER)).isEqualTo(Role.WRITER);
  }

  @Test
  void rolesParseCaseInsensitivelyAndNameTheChoicesWhenWrong() {
    assertThat(Role.parse("Writer")).isEqualTo(Role.WRITER);
    assertThat(Role.parse(" owner ")).isEqualTo(Role.OWNER);
    assertThatThrownBy(() -> Role.parse("admin"))
        .hasMessage("role must be one of reader, writer, owner, not 'admin'");
  }

  @Test
  void kubernetesServiceAccountSubjectsAreServiceAccounts() {
    assertThat(Principal.ofOidcSubject("system:serviceaccount:team-a:trainer", Set.of()).kind())
        .isEqualTo(Kind.SERVICE_ACCOUNT);
    assertThat(Principal.ofOidcSubject("alice@example.com", Set.of("team-a")).kind())
        .isEqualTo(Kind.USER);
  }

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
