package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.NewApiToken;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CreatedApiToken")
@Description("A token just created, with its bearer value: shown this once, never again.")
public record CreatedApiTokenView(
    @NonNull ApiTokenView token,
    @NonNull @Description("Send as 'Authorization: Bearer <secret>'.") String secret) {

  public static CreatedApiTokenView from(NewApiToken created) {
    return new CreatedApiTokenView(ApiTokenView.from(created.token()), created.bearer());
  }

  @Override
  public String toString() {
    return "CreatedApiTokenView[token=" + token + ", secret=(hidden)]";
  }
}
