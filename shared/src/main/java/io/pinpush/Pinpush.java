package io.pinpush;

import io.pinpush.api.Arns;
import io.pinpush.api.Route;
import io.pinpush.api.Router;
import io.pinpush.apps.AppRoutes;
import io.pinpush.apps.AppService;
import io.pinpush.apps.AppStore;
import io.pinpush.channels.ChannelRoutes;
import io.pinpush.channels.ChannelSecrets;
import io.pinpush.channels.ChannelService;
import io.pinpush.channels.ChannelStore;
import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import io.pinpush.endpoints.EndpointRoutes;
import io.pinpush.endpoints.EndpointService;
import io.pinpush.endpoints.EndpointStore;
import io.pinpush.secrets.SecretStore;
import io.pinpush.templates.PushTemplateService;
import io.pinpush.templates.PushTemplateStore;
import io.pinpush.templates.PushTemplates;
import io.pinpush.templates.TemplateRenderer;
import io.pinpush.templates.TemplateRoutes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The composition root: every store and service of Pinpush, wired by hand from one configuration.
 *
 * <p>No DI framework: construction is plain code that runs once per Lambda container (and before a
 * SnapStart snapshot), and a newcomer can read the whole object graph here.
 */
public final class Pinpush {

    private final PinpushConfig config;
    private final AwsClients aws;
    private final Clock clock;
    private final SecretStore secrets;
    private final AppService apps;
    private final EndpointService endpoints;
    private final ChannelService channels;
    private final PushTemplateService templates;
    private final PushTemplates pushTemplates;

    public Pinpush(PinpushConfig config, AwsClients aws, SecretStore secrets, Clock clock) {
        this.config = config;
        this.aws = aws;
        this.clock = clock;
        this.secrets = secrets;
        Arns arns = new Arns(config.region(), config.accountId());
        this.apps = new AppService(new AppStore(aws.dynamoDb(), config), arns, clock);
        this.endpoints = new EndpointService(new EndpointStore(aws.dynamoDb(), config), apps, clock);
        apps.deletesWithApp(endpoints);
        this.channels = new ChannelService(apps, new ChannelStore(aws.dynamoDb(), config),
                new ChannelSecrets(secrets, config.secretPrefix()), clock, config.channelCacheTtl());
        apps.deletesWithApp(channels::deleteAllOf);
        // Templates belong to the account, not to an app: nothing to register with DeleteApp.
        TemplateRenderer templateRenderer = new TemplateRenderer(clock);
        this.templates = new PushTemplateService(new PushTemplateStore(aws.dynamoDb(), config), templateRenderer, arns, clock);
        this.pushTemplates = new PushTemplates(templates, templateRenderer);
    }

    /** Pinpush as configured by the process environment (Lambda). */
    public static Pinpush fromEnvironment() {
        PinpushConfig config = PinpushConfig.fromEnvironment();
        AwsClients aws = new AwsClients(config);
        return new Pinpush(config, aws, SecretStore.from(config, aws), Clock.systemUTC());
    }

    /** Every Pinpoint operation Pinpush answers. */
    public List<Route> apiRoutes() {
        List<Route> routes = new ArrayList<>();
        routes.addAll(AppRoutes.routes(apps));
        routes.addAll(EndpointRoutes.routes(endpoints));
        routes.addAll(ChannelRoutes.routes(channels));
        routes.addAll(TemplateRoutes.routes(templates));
        return routes;
    }

    public Router apiRouter() {
        return new Router(apiRoutes());
    }

    public PinpushConfig config() {
        return config;
    }

    public AwsClients aws() {
        return aws;
    }

    public Clock clock() {
        return clock;
    }

    public SecretStore secrets() {
        return secrets;
    }

    public AppService apps() {
        return apps;
    }

    public EndpointService endpoints() {
        return endpoints;
    }

    /** Channel configuration, and {@code resolve(appId, type)} for the dispatcher. */
    public ChannelService channels() {
        return channels;
    }

    /** Push templates as a send uses them: resolve a version, render it per endpoint. */
    public PushTemplates pushTemplates() {
        return pushTemplates;
    }
}
