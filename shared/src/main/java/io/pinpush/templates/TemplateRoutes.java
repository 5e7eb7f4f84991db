package io.pinpush.templates;

import io.pinpush.api.ApiError;
import io.pinpush.api.ApiRequest;
import io.pinpush.api.ErrorBody;
import io.pinpush.api.Route;
import io.pinpush.store.Page;
import java.util.List;
import java.util.Locale;

/**
 * The push template operations of the Pinpoint API. Templates belong to the account, not to an app. Template
 * listings page with {@code next-token} (not {@code token}) and {@code page-size}, as Pinpoint's model says.
 */
public final class TemplateRoutes {

    private static final String NEXT_TOKEN = "next-token";

    private TemplateRoutes() {
    }

    public static List<Route> routes(PushTemplateService templates) {
        return List.of(
                Route.of("CreatePushTemplate", "POST", "/v1/templates/{template-name}/push", 201, req ->
                        new CreateTemplateMessageBody(templates.create(req.pathParam("template-name"),
                                req.body(PushNotificationTemplateRequest.class)), "Created", req.requestId())),
                Route.of("GetPushTemplate", "GET", "/v1/templates/{template-name}/push", 200, req ->
                        templates.get(req.pathParam("template-name"), req.queryParam("version"))),
                Route.of("UpdatePushTemplate", "PUT", "/v1/templates/{template-name}/push", 202, req -> {
                    templates.update(req.pathParam("template-name"), req.body(PushNotificationTemplateRequest.class),
                            booleanParam(req, "create-new-version"), req.queryParam("version"));
                    return new ErrorBody("Accepted", req.requestId());
                }),
                Route.of("DeletePushTemplate", "DELETE", "/v1/templates/{template-name}/push", 202, req -> {
                    templates.delete(req.pathParam("template-name"), req.queryParam("version"));
                    return new ErrorBody("Accepted", req.requestId());
                }),
                Route.of("ListTemplates", "GET", "/v1/templates", 200, req -> {
                    Page<TemplateHead> page = templates.list(req.queryParam("prefix"),
                            req.queryParam("template-type").map(TemplateType::parse), req.page(NEXT_TOKEN));
                    return new TemplatesResponse(page.items().stream().map(TemplateHead::toResponse).toList(),
                            page.nextToken());
                }),
                Route.of("ListTemplateVersions", "GET", "/v1/templates/{template-name}/{template-type}/versions", 200, req -> {
                    Page<PushTemplate> page = templates.versions(req.pathParam("template-name"),
                            TemplateType.parse(req.pathParam("template-type")), req.page(NEXT_TOKEN));
                    return new TemplateVersionsResponse(page.items().stream().map(TemplateVersionResponse::of).toList(),
                            null, page.nextToken(), req.requestId());
                }),
                Route.of("UpdateTemplateActiveVersion", "PUT", "/v1/templates/{template-name}/{template-type}/active-version", 200, req -> {
                    templates.setActiveVersion(req.pathParam("template-name"),
                            TemplateType.parse(req.pathParam("template-type")),
                            req.body(TemplateActiveVersionRequest.class).version());
                    return new ErrorBody("Accepted", req.requestId());
                }));
    }

    private static boolean booleanParam(ApiRequest req, String name) {
        return req.queryParam(name).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.badRequest(name + " must be true or false, got '" + value + "'");
        }).orElse(false);
    }
}
