package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.identity.Grantee;
import org.eclipse.microprofile.graphql.Description;

@Description("Who a grant gives a role to.")
public enum GranteeKind {
  @Description("A user or service account, by subject.")
  USER,
  @Description("Everyone whose token or gateway header names this group.")
  GROUP,
  @Description("An API token, by id.")
  TOKEN;

  public Grantee.Kind toDomain() {
    return Grantee.Kind.valueOf(name());
  }

  public static GranteeKind from(Grantee.Kind kind) {
    return valueOf(kind.name());
  }
}
