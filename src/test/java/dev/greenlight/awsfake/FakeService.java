package dev.greenlight.awsfake;

/** One AWS service of the fake endpoint, holding its own state. */
public interface FakeService {
    /** The SigV4 signing name the SDK puts in the credential scope: "cloudformation", "states" … */
    String signingName();

    /** Answers a request; unknown operations should answer the protocol's UnknownOperation error. */
    FakeResponse handle(FakeRequest request);

    /**
     * The protocol error a fault or a generic failure turns into for this service.
     */
    FakeResponse error(int status, String code, String message);
}
