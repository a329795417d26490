package dev.greenlight.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @Test
    void masksValuesOfSecretLookingNames() {
        assertThat(Redactor.redact("OPENAI_API_KEY=sk-live-123456 STAGE=dev")).isEqualTo("OPENAI_API_KEY=**** STAGE=dev");
        assertThat(Redactor.redact("{\"AnthropicApiKey\": \"abc123\", \"StageName\": \"dev\"}"))
                .isEqualTo("{\"AnthropicApiKey\": \"****\", \"StageName\": \"dev\"}");
        assertThat(Redactor.redact("db_password: hunter2")).isEqualTo("db_password: ****");
        assertThat(Redactor.redact("GoogleApiKey=AIzaSyDUMMYDUMMYDUMMYDUMMYDUMMYDUMMY12")).doesNotContain("AIza");
    }

    @Test
    void masksRecognisableTokensAnywhere() {
        String text = "creds AKIAABCDEFGHIJKLMNOP and sk-ant-REDACTME0123456789abcdefgh and "
                + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl and Bearer abcdefghijklmnopqrstuvwxyz";
        String out = Redactor.redact(text);
        assertThat(out).doesNotContain("AKIAABCDEFGHIJKLMNOP").doesNotContain("REDACTME").doesNotContain("eyJzdWIi")
                .doesNotContain("abcdefghijklmnopqrstuvwxyz");
    }

    @Test
    void keepsReferencesToSecretsReadable() {
        assertThat(Redactor.redact("OpenAiApiKey=${OPENAI_API_KEY}")).isEqualTo("OpenAiApiKey=${OPENAI_API_KEY}");
        assertThat(Redactor.redact("OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}")).contains("secrets.OPENAI_API_KEY");
        assertThat(Redactor.redact("OPENAI_API_KEY: !Ref OpenAiApiKey")).contains("!Ref OpenAiApiKey");
    }

    @Test
    void leavesOrdinaryEvidenceAlone() {
        String line = "      DefinitionUri: src/aws_step_functions_v3.json";
        assertThat(Redactor.redact(line)).isEqualTo(line);
        assertThat(Redactor.redact("--capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM")).isEqualTo("--capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM");
    }

    @Test
    void everyResultFieldIsRedacted() {
        Result r = Result.fail("token=abc123def")
                .expected("x").actual("password=p4ss")
                .evidence(Evidence.at("env", "f", 1, "SECRET_KEY=zzz")).note("auth: qqq").build();
        Result out = Redactor.redact(r);
        assertThat(out.reason() + out.actual() + out.evidence().get(0).text() + out.notes().get(0))
                .doesNotContain("abc123def").doesNotContain("p4ss").doesNotContain("zzz").doesNotContain("qqq");
    }

    @Test
    void keepsAnExpectationListingSecretNamesReadable() {
        String expected = "sam deploy; contains 'OpenAiApiKey='; contains 'AnthropicApiKey='; contains 'StageName='";
        assertThat(Redactor.redact(expected)).isEqualTo(expected);
        assertThat(Redactor.redact("contains 'OpenAiApiKey=sk-live-SECRET-0123456789'")).doesNotContain("SECRET-0123456789");
        assertThat(Redactor.redact("password='hunter2'")).isEqualTo("password='****'");
    }

    @Test
    void masksWhateverTheCaseOfTheName() {
        assertThat(Redactor.redact("X-API-KEY=abc123")).isEqualTo("X-API-KEY=****");
        assertThat(Redactor.redact("PassWord: hunter2")).isEqualTo("PassWord: ****");
        assertThat(Redactor.redact("Authorization: BEARER abcdefghijklmnop1234")).doesNotContain("abcdefghijklmnop1234");
        assertThat(Redactor.redact("\"GitHubToken\" = \"t0k3n\"")).isEqualTo("\"GitHubToken\" = \"****\"");
    }

    /** The literal pre-checks only skip regexes that cannot match: same output as running every regex. */
    @Test
    void preChecksNeverSkipAMatch() {
        java.util.List<String> texts = java.util.List.of(
                "OPENAI_API_KEY=sk-live-1234567890abcdefghij STAGE=dev", "aws_access_key_id = AKIAABCDEFGHIJKLMNOP",
                "AIzaSyDUMMYDUMMYDUMMYDUMMYDUMMYDUMMY12 in url", "ghp_" + "a".repeat(36) + " pushed",
                "xoxb-1234567890-abc", "jwt eyJhbGciOiJI.eyJzdWIiOiIx.SflKxwRJSMeKKF2QT4",
                "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----", "PRIVATE_KEY: x",
                "Credentials=abc", "AuthHeader: z", "secret", "token: ${TOKEN}", "DefinitionUri: src/x.json",
                "InitializeStateDataArn \u2192 InitializeStateDataFunction.Arn", "bearer  0123456789abcdefXYZ",
                "db_pwd=x", "github_pat_" + "b".repeat(60), "");
        for (String t : texts) {
            assertThat(Redactor.redact(t)).as(t).isEqualTo(Redactor.redactWithoutPrechecks(t));
        }
    }

    /**
     * Lines real templates, workflows, Dockerfiles, handlers and AWS error messages are made of: names
     * with token/auth/secret in them, references to secrets, ARNs of secrets. Evidence must show them
     * exactly as written (the old redactor turned {@code !GetAtt StoreTaskTokenFunction.Arn} into ****).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            // CloudFormation / SAM
            "StoreTaskTokenArn: !GetAtt StoreTaskTokenFunction.Arn",
            "        TaskTokenTableName: !Ref TaskTokenTable",
            "      AuthorizerFunctionArn: !GetAtt ApiAuthorizerFunction.Arn",
            "        AuthType: NONE",
            "      AuthorizationType: AWS_IAM",
            "      ApiKeyRequired: true",
            "          OPENAI_API_KEY: !Ref OpenAiApiKey",
            "          ANTHROPIC_API_KEY: !Sub '{{resolve:secretsmanager:${LlmKeysSecret}:SecretString:anthropic}}'",
            "          DB_PASSWORD: '{{resolve:secretsmanager:prod/db:SecretString:password}}'",
            "      SecretArn: arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/llm-keys-Ab12Cd",
            "        Resource: !Sub arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/*",
            "          - secretsmanager:GetSecretValue",
            "      GenerateSecretString:",
            "        SecretStringTemplate: '{\"username\": \"app\"}'",
            "      TokenExpirySeconds: 3600",
            "    ApiKeySourceType: HEADER",
            "      StoreTaskTokenFunction:",
            "                  \"TaskToken.$\": \"$$.Task.Token\",",
            "      \"Resource\": \"arn:aws:states:::lambda:invoke.waitForTaskToken\",",
            "        SecretName: !Sub '${AWS::StackName}/openai'",
            // GitHub Actions
            "          token: ${{ secrets.GITHUB_TOKEN }}",
            "          github-token: ${{ github.token }}",
            "        OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}",
            "            --parameter-overrides StageName=dev OpenAiApiKey=${{ secrets.OPENAI_API_KEY }} GeminiApiKey=\"$GEMINI_API_KEY\"",
            "      aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}",
            "          role-to-assume: arn:aws:iam::123456789012:role/github-deploy-token-exchange",
            "        run: echo \"::add-mask::${{ steps.auth.outputs.token }}\"",
            "        uses: aws-actions/configure-aws-credentials@v4",
            // Dockerfile
            "ARG GITHUB_TOKEN",
            "ENV API_TOKEN=${API_TOKEN}",
            "RUN --mount=type=secret,id=pip_token pip install -r requirements.txt",
            // Python
            "    task_token = event[\"taskToken\"]",
            "    api_key = os.environ.get(\"OPENAI_API_KEY\")",
            "        self.auth_token = self._fetch_token()",
            "    sfn.send_task_success(taskToken=task_token, output=json.dumps(result))",
            // AWS SDK errors
            "ExpiredTokenException: The security token included in the request is expired",
            "InvalidClientTokenId: The security token included in the request is invalid. (Service: Sts, Status Code: 403)",
            "User: arn:aws:sts::123456789012:assumed-role/deploy/gh is not authorized to perform: secretsmanager:GetSecretValue"
                    + " on resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/openai-AbCdEf",
            "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider()])",
            "AccessDeniedException: User is not authorized to perform: states:DescribeStateMachine",
            // prose
            "author: Jane Example",
            "expected: StoreTaskTokenArn → StoreTaskTokenFunction.Arn",
    })
    void leavesTemplateSyntaxReferencesAndErrorsUnchanged(String line) {
        assertThat(Redactor.redact(line)).isEqualTo(line);
    }

    @Test
    void stillMasksLiteralSecretsBesideReferences() {
        assertThat(Redactor.redact("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .isEqualTo("aws_secret_access_key = ****");
        assertThat(Redactor.redact("          OPENAI_API_KEY: sk-live-notreally")).isEqualTo("          OPENAI_API_KEY: ****");
        assertThat(Redactor.redact("StoreTaskTokenArn: !GetAtt StoreTaskTokenFunction.Arn ApiToken=plain-literal-1"))
                .isEqualTo("StoreTaskTokenArn: !GetAtt StoreTaskTokenFunction.Arn ApiToken=****");
        assertThat(Redactor.redact("        SecretString: 'hunter2-but-longer'")).isEqualTo("        SecretString: '****'");
        assertThat(Redactor.redact("    webhook_secret = \"whsec_abc123\"")).isEqualTo("    webhook_secret = \"****\"");
        assertThat(Redactor.redact("git remote set-url origin https://x:ghp_" + "Z".repeat(36) + "@github.com/o/r"))
                .doesNotContain("ZZZZ");
        assertThat(Redactor.redact("PAT github_pat_" + "9".repeat(70))).isEqualTo("PAT ****");
        assertThat(Redactor.redact("Basic-Auth: user:pass")).isEqualTo("Basic-Auth: ****");
        assertThat(Redactor.redact("db_password: my.pass.word")).isEqualTo("db_password: ****");
    }
}
