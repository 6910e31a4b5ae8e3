package com.usepylon.jira.jiraclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.usepylon.jira.platform.Database;
import com.usepylon.jira.support.ApiTest;
import com.usepylon.jira.support.JiraStub;
import com.usepylon.jira.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SystemTokensTest extends ApiTest {

    private static final String REGISTRATION = "/atlassian/v1/registration";

    @Inject
    SystemTokens systemTokens;

    @Inject
    TokenCipher cipher;

    @Inject
    JiraClient jira;

    @Inject
    Database database;

    @Test
    void remember_olderTokenSentLater_doesNotReplaceTheNewerOne() {
        String site = newSite();
        String newer = Tokens.systemToken(Duration.ofHours(2));
        String older = Tokens.systemToken(Duration.ofHours(1));
        JiraStub.stubProjects(site, List.of(), 50);

        deliver(site, newer);
        deliver(site, older);
        jira.searchProjects(site);

        assertThat(JiraStub.requests(site)).extracting(request -> request.getHeader("Authorization"))
                .containsExactly("Bearer " + newer);
    }

    @Test
    void remember_newerTokenSentLater_replacesTheOlderOne() {
        String site = newSite();
        String older = Tokens.systemToken(Duration.ofHours(1));
        String newer = Tokens.systemToken(Duration.ofHours(2));

        deliver(site, older);
        deliver(site, newer);

        assertThat(systemTokens.current(site)).map(SiteCredentials::systemToken).contains(newer);
    }

    @Test
    void remember_keepsTheSitesApiBaseUrlFromTheForgeToken() {
        String site = newSite();

        deliver(site, Tokens.systemToken(Duration.ofHours(1)));

        assertThat(systemTokens.current(site)).map(SiteCredentials::apiBaseUrl)
                .contains(JiraStub.baseUrlFor(site));
    }

    @Test
    void remember_headerThatIsNotAJwt_isIgnoredAndTheCallStillSucceeds() {
        String site = newSite();

        deliver(site, "not-a-jwt");
        deliver(site, "a.b.c");

        assertThat(systemTokens.current(site)).isEmpty();
    }

    @Test
    void remember_expiredToken_isIgnored() {
        String site = newSite();

        deliver(site, Tokens.systemToken(Duration.ofMinutes(-1)));

        assertThat(storedRows(site)).isZero();
    }

    @Test
    void current_tokenWithinThirtySecondsOfExpiry_isNotUsed() {
        String site = newSite();
        deliver(site, Tokens.systemToken(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(5).minusSeconds(20));

        assertThat(systemTokens.current(site)).isEmpty();
    }

    @Test
    void storedToken_isNotInTheDatabaseInPlaintext() {
        String site = newSite();
        String token = Tokens.systemToken(Duration.ofHours(1));

        deliver(site, token);

        byte[] ciphertext = database.findOne("select ciphertext from site_system_token where cloud_id = ?",
                row -> row.getBytes("ciphertext"), site).orElseThrow();
        String row = database.findOne("select t::text as row from site_system_token t where t.cloud_id = ?",
                found -> found.getString("row"), site).orElseThrow();
        byte[] plain = token.getBytes(StandardCharsets.UTF_8);
        assertThat(ciphertext).hasSize(TokenCipher.NONCE_BYTES + plain.length + TokenCipher.TAG_BYTES);
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(token.split("\\.")[1]);
        assertThat(row).doesNotContain(token.split("\\.")[1])
                .doesNotContain(HexFormat.of().formatHex(plain).substring(0, 64));
    }

    @Test
    void ciphertextCopiedToAnotherSite_doesNotDecrypt() {
        String site = newSite();
        String otherSite = newSite();
        deliver(site, Tokens.systemToken(Duration.ofHours(1)));
        deliver(otherSite, Tokens.systemToken(Duration.ofHours(1)));

        database.update("""
                update site_system_token
                set ciphertext = (select ciphertext from site_system_token where cloud_id = ?)
                where cloud_id = ?""", site, otherSite);

        assertThat(systemTokens.current(otherSite)).isEmpty();
        assertThat(systemTokens.current(site)).isPresent();
        assertThatThrownBy(() -> jira.searchProjects(otherSite))
                .isInstanceOfSatisfying(JiraCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(JiraCallException.Kind.NO_CREDENTIALS));
    }

    @Test
    void seal_sameTokenTwice_usesAFreshNonceEachTime() throws GeneralSecurityException {
        String site = newSite();

        byte[] first = cipher.seal(site, "token");
        byte[] second = cipher.seal(site, "token");

        assertThat(first).isNotEqualTo(second);
        assertThat(cipher.open(site, first)).isEqualTo("token");
        assertThatThrownBy(() -> cipher.open(newSite(), first)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void forget_dropsTheSitesToken() {
        String site = newSite();
        deliver(site, Tokens.systemToken(Duration.ofHours(1)));

        systemTokens.forget(site);

        assertThat(storedRows(site)).isZero();
        assertThat(systemTokens.current(site)).isEmpty();
    }

    @Test
    void remember_theSameTokenAgain_isNotWrittenAgain() {
        String site = newSite();
        String token = Tokens.systemToken(Duration.ofHours(1));
        deliver(site, token);
        database.update("delete from site_system_token where cloud_id = ?", site); // behind its back

        deliver(site, token);

        assertThat(storedRows(site)).as("the repeat was skipped, not written").isZero();
    }

    @Test
    void forget_thenTheSameTokenAgain_isStoredAgain() {
        String site = newSite();
        String token = Tokens.systemToken(Duration.ofHours(1));
        deliver(site, token);
        systemTokens.forget(site);

        deliver(site, token);

        assertThat(systemTokens.current(site).orElseThrow().systemToken()).isEqualTo(token);
    }

    @Test
    void afterASettingsChangeAnywhere_theSameTokenIsStoredAgain_inCaseAnotherReplicaForgotIt() {
        String site = newSite();
        String token = Tokens.systemToken(Duration.ofHours(1));
        deliver(site, token);
        database.update("delete from site_system_token where cloud_id = ?", site); // as another replica would

        issueToken(newOrganization()); // a change, which every replica hears of through the change feed
        deliver(site, token);

        assertThat(systemTokens.current(site).orElseThrow().systemToken()).isEqualTo(token);
    }

    @Test
    void siteCredentials_toString_hidesTheToken() {
        String site = newSite();
        String token = Tokens.systemToken(Duration.ofHours(1));
        deliver(site, token);

        assertThat(systemTokens.current(site).orElseThrow().toString()).doesNotContain(token);
    }

    /** An ordinary call from the site's app that carries a system token; the call itself must succeed. */
    private static void deliver(String site, String systemToken) {
        asSiteWithSystemToken(site, systemToken).get(REGISTRATION).then().statusCode(404);
    }

    private int storedRows(String site) {
        return database.findOne("select count(*) as n from site_system_token where cloud_id = ?",
                row -> row.getInt("n"), site).orElseThrow();
    }
}
