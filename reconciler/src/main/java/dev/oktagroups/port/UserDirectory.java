package dev.oktagroups.port;

import dev.oktagroups.state.Person;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads people of the Okta directory, with their profiles, through the paginated user search: a few
 * pages per query, never one request per person.
 */
public interface UserDirectory {
  /**
   * The people a SCIM filter finds.
   *
   * @param filter a {@code search} expression such as {@code profile.department eq "Engineering"
   *     and status eq "ACTIVE"}
   * @param progress receives a line now and then while a long read runs
   * @throws OktaFailure when Okta cannot be read
   */
  List<Person> search(String filter, Consumer<String> progress);
}
