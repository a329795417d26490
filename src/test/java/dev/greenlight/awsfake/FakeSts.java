package dev.greenlight.awsfake;

/** STS over the Query protocol: GetCallerIdentity for a fixed account and ARN. */
public final class FakeSts implements FakeService {
    private volatile String account;
    private volatile String arn;

    public FakeSts(String account, String arn) {
        this.account = account;
        this.arn = arn;
    }

    public void identity(String account, String arn) {
        this.account = account;
        this.arn = arn;
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public FakeResponse handle(FakeRequest r) {
        if (!r.operation().equals("GetCallerIdentity")) {
            return error(400, "InvalidAction", "Could not find operation " + r.operation() + " for version 2011-06-15");
        }
        return FakeResponse.queryOk("GetCallerIdentity", "https://sts.amazonaws.com/doc/2011-06-15/",
                FakeCloudFormation.el("Arn", arn) + FakeCloudFormation.el("UserId", "AROAFAKEUSERID:greenlight")
                        + FakeCloudFormation.el("Account", account));
    }

    @Override
    public FakeResponse error(int status, String code, String message) {
        return FakeResponse.queryError(status, code, message);
    }
}
