package org.tallymq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.jms.TallyQueue;

/**
 * Inbound delivery without a server: a fake endpoint factory in the role of the EJB container, an embedded broker,
 * non-transacted endpoints (Connectors 2.1 chapter 13).
 */
class InboundTest {

    private static final String URL = "vm://ra-unit-inbound?persistent=false";
    private final TallyResourceAdapter ra = new TallyResourceAdapter();

    @AfterEach
    void tearDown() {
        ra.stop();
    }

    /** An endpoint factory whose endpoints record what they get, and throw for bodies starting with "fail". */
    static final class Endpoints implements MessageEndpointFactory {
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        final AtomicInteger unavailableLeft;
        final AtomicInteger created = new AtomicInteger();

        Endpoints(int unavailable) {
            this.unavailableLeft = new AtomicInteger(unavailable);
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xaResource) throws UnavailableException {
            return createEndpoint(xaResource, 0);
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) throws UnavailableException {
            if (unavailableLeft.getAndDecrement() > 0) {
                throw new UnavailableException("not deployed yet");
            }
            created.incrementAndGet();
            return new Endpoint();
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return false;
        }

        @Override
        public String getActivationName() {
            return "test-endpoint";
        }

        @Override
        public Class<?> getEndpointClass() {
            return Endpoint.class;
        }

        final class Endpoint implements MessageEndpoint, MessageListener {
            @Override
            public void onMessage(Message message) {
                try {
                    String body = message.getBody(String.class);
                    seen.add(body + " redelivered=" + message.getJMSRedelivered());
                    if (body.startsWith("fail") && !message.getJMSRedelivered()) {
                        throw new IllegalStateException("the bean fails " + body + " once, on purpose");
                    }
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void beforeDelivery(Method method) {
            }

            @Override
            public void afterDelivery() {
            }

            @Override
            public void release() {
            }
        }
    }

    private static TallyActivationSpec spec(String queue) {
        TallyActivationSpec s = new TallyActivationSpec();
        s.setDestination(queue);
        s.setDestinationType("jakarta.jms.Queue");
        s.setConnectionURL(URL);
        s.setMaxSession(1);
        s.setRetryInterval(20L);
        return s;
    }

    private static void send(String queue, String... bodies) {
        try (JMSContext c = new TallyConnectionFactory(URL).createContext()) {
            for (String b : bodies) {
                c.createProducer().send(new TallyQueue(queue), b);
            }
        }
    }

    @Test
    @DisplayName("a non-transacted endpoint receives; one that throws gets the message again, marked redelivered "
            + "(Jakarta Messaging 3.1 section 8.7)")
    void deliveryAndRedelivery() throws ResourceException, InterruptedException {
        Endpoints endpoints = new Endpoints(0);
        ra.endpointActivation(endpoints, spec("ra.unit.in1"));
        send("ra.unit.in1", "one", "fail-two", "three");
        assertEquals("one redelivered=false", endpoints.seen.poll(30, TimeUnit.SECONDS));
        assertEquals("fail-two redelivered=false", endpoints.seen.poll(30, TimeUnit.SECONDS));
        assertEquals("fail-two redelivered=true", endpoints.seen.poll(30, TimeUnit.SECONDS));
        assertEquals("three redelivered=false", endpoints.seen.poll(30, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("UnavailableException from createEndpoint: the adapter retries until the endpoint is available")
    void retriesWhileUnavailable() throws ResourceException, InterruptedException {
        Endpoints endpoints = new Endpoints(3);
        ra.endpointActivation(endpoints, spec("ra.unit.in2"));
        send("ra.unit.in2", "after retries");
        assertEquals("after retries redelivered=false", endpoints.seen.poll(30, TimeUnit.SECONDS));
        assertTrue(endpoints.unavailableLeft.get() < 0, "createEndpoint was refused 3 times first");
    }

    @Test
    @DisplayName("a WorkManager that calls Work.release() after run() (as IronJacamar does) does not stop delivery")
    void releaseAfterRunKeepsDelivering() throws Exception {
        jakarta.resource.spi.work.WorkManager wm = (jakarta.resource.spi.work.WorkManager)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {jakarta.resource.spi.work.WorkManager.class}, (proxy, method, args) -> {
                            if (method.getName().equals("scheduleWork")) {
                                jakarta.resource.spi.work.Work w = (jakarta.resource.spi.work.Work) args[0];
                                Thread t = new Thread(() -> {
                                    w.run();
                                    w.release();
                                });
                                t.start();
                            }
                            return null;
                        });
        ra.start(new jakarta.resource.spi.BootstrapContext() {
            @Override
            public jakarta.resource.spi.work.WorkManager getWorkManager() {
                return wm;
            }

            @Override
            public jakarta.resource.spi.XATerminator getXATerminator() {
                return null;
            }

            @Override
            public java.util.Timer createTimer() {
                return new java.util.Timer(true);
            }

            @Override
            public boolean isContextSupported(Class<? extends jakarta.resource.spi.work.WorkContext> c) {
                return false;
            }

            @Override
            public jakarta.transaction.TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
                return null;
            }
        });
        Endpoints endpoints = new Endpoints(0);
        ra.endpointActivation(endpoints, spec("ra.unit.in4"));
        send("ra.unit.in4", "first");
        assertEquals("first redelivered=false", endpoints.seen.poll(30, TimeUnit.SECONDS));
        send("ra.unit.in4", "second");
        assertEquals("second redelivered=false", endpoints.seen.poll(30, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("a durable topic subscription without clientId is shared by the bean's sessions and keeps what is "
            + "published while the bean is not active")
    void durableTopic() throws Exception {
        Endpoints endpoints = new Endpoints(0);
        TallyActivationSpec spec = new TallyActivationSpec();
        spec.setDestination("ra.unit.prices");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setSubscriptionDurability("Durable");
        spec.setSubscriptionName("audit");
        spec.setMessageSelector("kind = 'price'");
        spec.setConnectionURL(URL);
        spec.setMaxSession(2);
        spec.setRetryInterval(20L);
        ra.endpointActivation(endpoints, spec);
        jakarta.jms.Topic topic = new org.tallymq.jms.TallyTopic("ra.unit.prices");
        try (JMSContext c = new TallyConnectionFactory(URL).createContext()) {
            // wait until the subscription exists: the first matching message arrives
            for (int i = 0; i < 300 && endpoints.seen.isEmpty(); i++) {
                c.createProducer().setProperty("kind", "price").send(topic, "warm-up");
                Thread.sleep(10);
            }
            assertTrue(endpoints.seen.poll(30, TimeUnit.SECONDS).startsWith("warm-up"));
            ra.endpointDeactivation(endpoints, spec);
            endpoints.seen.clear();
            c.createProducer().setProperty("kind", "other").send(topic, "filtered out");
            c.createProducer().setProperty("kind", "price").send(topic, "while inactive");
        }
        Endpoints again = new Endpoints(0);
        ra.endpointActivation(again, spec);
        String first = again.seen.poll(30, TimeUnit.SECONDS);
        while (first != null && first.startsWith("warm-up")) {
            first = again.seen.poll(30, TimeUnit.SECONDS); // warm-ups sent after the first one arrived
        }
        assertEquals("while inactive redelivered=false", first);
    }

    @Test
    @DisplayName("deactivation stops delivery: a message sent afterwards stays on the queue")
    void deactivation() throws ResourceException, InterruptedException {
        Endpoints endpoints = new Endpoints(0);
        TallyActivationSpec spec = spec("ra.unit.in3");
        ra.endpointActivation(endpoints, spec);
        send("ra.unit.in3", "before");
        assertEquals("before redelivered=false", endpoints.seen.poll(30, TimeUnit.SECONDS));
        ra.endpointDeactivation(endpoints, spec);
        send("ra.unit.in3", "after");
        try (JMSContext c = new TallyConnectionFactory(URL).createContext()) {
            assertEquals("after", c.createConsumer(new TallyQueue("ra.unit.in3")).receiveBody(String.class, 10_000));
        }
        assertEquals(null, endpoints.seen.poll());
    }
}
