package io.qwengateway.credentials;

import static io.qwengateway.credentials.CredentialFixtures.JSON;
import static io.qwengateway.credentials.CredentialFixtures.credentials;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.lettuce.core.ClientOptions;
import io.qwengateway.cluster.SharedState;
import io.qwengateway.credentials.SharedRefresh.Attempt;
import io.qwengateway.credentials.SharedRefresh.Lease;
import io.qwengateway.credentials.SharedRefresh.Publication;
import io.qwengateway.support.RedisServer;

/** The lease, its fencing token and the published pair, in a real redis-server, as two replicas see them. */
class RedisSharedRefreshIT {

    private static final String LOCK = "{qwen-gateway}:oauth:default:lock";
    private static final String PAIR = "{qwen-gateway}:oauth:default:pair";

    private static RedisServer redis;
    private static LettuceConnectionFactory factory;
    private static RedisMessageListenerContainer listeners;
    private static SharedState state;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        // As the gateway's: commands refused at once while disconnected, not queued.
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500))
                        .clientOptions(ClientOptions.builder()
                                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
                        .build());
        factory.afterPropertiesSet();
        factory.start();
        listeners = new RedisMessageListenerContainer();
        listeners.setConnectionFactory(factory);
        listeners.afterPropertiesSet();
        listeners.start();
        state = new SharedState(new StringRedisTemplate(factory), "{qwen-gateway}:", "127.0.0.1:" + redis.port());
    }

    @AfterAll
    static void stop() throws Exception {
        listeners.destroy();
        factory.destroy();
        redis.close();
    }

    @BeforeEach
    void empty() {
        redis.command("FLUSHALL");
    }

    private static RedisSharedRefresh replica(Duration lease) {
        return replica(lease, "");
    }

    private static RedisSharedRefresh replica(Duration lease, String encryptionKey) {
        return new RedisSharedRefresh("default", state, listeners, new SharedCredentialsCodec(JSON, encryptionKey),
                lease, RedisSharedRefresh.newOwner());
    }

    private static OAuthCredentials pair(String refreshToken) {
        return credentials("access-" + refreshToken, refreshToken, System.currentTimeMillis() + 3_600_000);
    }

    @Test
    void onlyOneReplicaHoldsTheLeaseAndEveryLeaseHasAHigherFencingToken() {
        RedisSharedRefresh first = replica(Duration.ofSeconds(5));
        RedisSharedRefresh second = replica(Duration.ofSeconds(5));

        Attempt taken = first.tryLease();
        assertThat(taken.acquired()).isTrue();
        assertThat(second.tryLease()).isEqualTo(Attempt.HELD_ELSEWHERE);
        assertThat(first.tryLease()).as("one lease per account, even for its holder").isEqualTo(Attempt.HELD_ELSEWHERE);
        taken.lease().close();

        Attempt next = second.tryLease();
        assertThat(next.acquired()).isTrue();
        assertThat(next.lease().fence()).isGreaterThan(taken.lease().fence());
        assertThat(redis.command("GET", LOCK)).doesNotContain("access-", "refresh");
    }

    @Test
    void aLeaseIsReleasedOnlyByItsOwner() throws InterruptedException {
        RedisSharedRefresh first = replica(Duration.ofMillis(200));
        RedisSharedRefresh second = replica(Duration.ofSeconds(5));
        Lease expired = first.tryLease().lease();
        Thread.sleep(300);
        Lease current = second.tryLease().lease();
        assertThat(current).isNotNull();

        expired.close();

        assertThat(first.tryLease()).as("the late owner's release left the new lease alone")
                .isEqualTo(Attempt.HELD_ELSEWHERE);
        current.close();
    }

    @Test
    void aReplicaWhoseLeaseExpiredCannotPublish() throws InterruptedException {
        RedisSharedRefresh replica = replica(Duration.ofMillis(200));
        Lease lease = replica.tryLease().lease();
        Thread.sleep(300);

        assertThat(lease.publish(pair("refresh-late"))).isEqualTo(Publication.LEASE_LOST);
        assertThat(replica.published()).isEmpty();
    }

    @Test
    void aReplicaWhoseLeaseWasTakenOverCannotPublishEvenBeforeItsOwnDeadline() {
        RedisSharedRefresh first = replica(Duration.ofSeconds(5));
        RedisSharedRefresh second = replica(Duration.ofSeconds(5));
        Lease lost = first.tryLease().lease();
        redis.command("DEL", LOCK); // as if Redis had let it expire (a pause, a clock jump)
        Lease current = second.tryLease().lease();

        assertThat(lost.publish(pair("refresh-lost"))).isEqualTo(Publication.LEASE_LOST);
        assertThat(current.publish(pair("refresh-current"))).isEqualTo(Publication.PUBLISHED);

        assertThat(first.published()).hasValueSatisfying(published -> {
            assertThat(published.fence()).isEqualTo(current.fence());
            assertThat(published.credentials().refreshToken()).isEqualTo("refresh-current");
        });
    }

    @Test
    void aPairNeverReplacesOneWithAHigherFencingToken() {
        RedisSharedRefresh replica = replica(Duration.ofSeconds(5));
        Lease lease = replica.tryLease().lease();
        redis.command("HSET", PAIR, "fence", Long.toString(lease.fence() + 1), "credentials", "{}");

        assertThat(lease.publish(pair("refresh-older"))).isEqualTo(Publication.LEASE_LOST);
        assertThat(redis.command("HGET", PAIR, "credentials")).doesNotContain("refresh-older");
    }

    @Test
    void aPublishedPairIsAnnouncedToTheOtherReplicas() throws Exception {
        // A container of its own: the outage tests leave the shared one recovering on its own schedule.
        RedisMessageListenerContainer subscriber = new RedisMessageListenerContainer();
        subscriber.setConnectionFactory(factory);
        subscriber.afterPropertiesSet();
        subscriber.start();
        RedisSharedRefresh publisher = replica(Duration.ofSeconds(5));
        RedisSharedRefresh other = new RedisSharedRefresh("default", state, subscriber,
                new SharedCredentialsCodec(JSON, ""), Duration.ofSeconds(5), RedisSharedRefresh.newOwner());
        CountDownLatch announced = new CountDownLatch(1);
        other.onPublished(announced::countDown);
        Thread.sleep(200); // the subscription is made asynchronously

        Lease lease = publisher.tryLease().lease();
        assertThat(lease.publish(pair("refresh-2"))).isEqualTo(Publication.PUBLISHED);

        assertThat(announced.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(other.published()).hasValueSatisfying(published -> {
            assertThat(published.fence()).isEqualTo(lease.fence());
            assertThat(published.credentials().refreshToken()).isEqualTo("refresh-2");
            assertThat(published.credentials().accessToken()).isEqualTo("access-refresh-2");
        });
        subscriber.destroy();
    }

    @Test
    void withAnEncryptionKeyRedisHoldsNoTokenInClear() {
        RedisSharedRefresh replica = replica(Duration.ofSeconds(5), "a-random-secret-of-32-characters");
        replica.tryLease().lease().publish(pair("refresh-secret"));

        assertThat(redis.command("HGET", PAIR, "credentials")).startsWith("$").contains("v1:")
                .doesNotContain("refresh-secret", "access-refresh-secret");
        assertThat(replica.published()).hasValueSatisfying(
                published -> assertThat(published.credentials().refreshToken()).isEqualTo("refresh-secret"));
        assertThat(replica(Duration.ofSeconds(5), "another-random-secret-of-32-chars").published())
                .as("another key opens nothing").isEmpty();
        assertThat(replica(Duration.ofSeconds(5)).published()).as("nor does no key").isEmpty();
    }

    @Test
    void withRedisDownAReplicaIsToldAtOnceToRefreshAlone() {
        RedisSharedRefresh replica = replica(Duration.ofSeconds(5));
        redis.stop();
        try {
            assertThat(replica.tryLease()).isEqualTo(Attempt.UNSHARED);
            assertThat(replica.published()).isEmpty();
        } finally {
            redis.restart();
            // Lettuce reconnects on its own schedule; the check notices when it has.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                state.check();
                return state.reachable();
            });
        }
        assertThat(replica.tryLease().acquired()).isTrue();
    }

    @Test
    void theAnnouncementsAreSubscribedToOnceRedisAnswersNotBefore() throws Exception {
        RedisMessageListenerContainer late = new RedisMessageListenerContainer();
        late.setConnectionFactory(factory);
        late.setAutoStartup(false);
        late.afterPropertiesSet();
        CountDownLatch announced = new CountDownLatch(1);
        new RedisSharedRefresh("default", state, late, new SharedCredentialsCodec(JSON, ""), Duration.ofSeconds(5),
                RedisSharedRefresh.newOwner()).onPublished(announced::countDown);
        redis.stop();
        try {
            state.check();
            SharedRefreshConfiguration.subscribeWhenReachable(late, state);
            assertThat(late.isRunning()).as("a replica starts while Redis is down").isFalse();
        } finally {
            redis.restart();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                state.check();
                SharedRefreshConfiguration.subscribeWhenReachable(late, state);
                return late.isRunning();
            });
        }
        Thread.sleep(200); // the subscription is made asynchronously

        replica(Duration.ofSeconds(5)).tryLease().lease().publish(pair("refresh-after-the-outage"));

        assertThat(announced.await(5, TimeUnit.SECONDS)).isTrue();
        late.destroy();
    }
}
