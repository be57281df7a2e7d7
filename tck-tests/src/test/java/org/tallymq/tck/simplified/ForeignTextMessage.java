package org.tallymq.tck.simplified;

import jakarta.jms.TextMessage;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A TextMessage that no provider made: a dynamic proxy keeping headers, properties and text in
 * maps, for "messages of another provider" (spec 3.12). Only what a provider needs to copy it.
 */
final class ForeignTextMessage {

    private ForeignTextMessage() {
    }

    static TextMessage create(String text) {
        Map<String, Object> headers = new HashMap<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        headers.put("Text", text);
        return (TextMessage) Proxy.newProxyInstance(ForeignTextMessage.class.getClassLoader(),
                new Class<?>[] {TextMessage.class}, (proxy, method, args) -> invoke(headers, properties, method, args));
    }

    private static Object invoke(Map<String, Object> headers, Map<String, Object> properties, Method method,
                                 Object[] args) {
        String name = method.getName();
        switch (name) {
            case "toString":
                return "ForeignTextMessage" + headers;
            case "hashCode":
                return System.identityHashCode(headers);
            case "equals":
                return args[0] == headers;
            case "getPropertyNames":
                return Collections.enumeration(properties.keySet());
            case "propertyExists":
                return properties.containsKey((String) args[0]);
            case "clearProperties":
                properties.clear();
                return null;
            case "getObjectProperty":
                return properties.get((String) args[0]);
            case "getBody":
                return headers.get("Text");
            case "isBodyAssignableTo":
                return true;
            case "clearBody":
                headers.remove("Text");
                return null;
            case "acknowledge":
                return null;
            default:
                break;
        }
        if (name.startsWith("set") && name.endsWith("Property")) {
            properties.put((String) args[0], args[1]);
            return null;
        }
        if (name.startsWith("get") && name.endsWith("Property")) {
            return properties.get((String) args[0]); // only the types a test put there
        }
        if (name.startsWith("set")) {
            headers.put(name.substring(3), args[0]);
            return null;
        }
        if (name.startsWith("get")) {
            Object v = headers.get(name.substring(3));
            Class<?> r = method.getReturnType();
            if (v == null && r == long.class) {
                return 0L;
            }
            if (v == null && r == int.class) {
                return name.equals("getJMSPriority") ? 4 : name.equals("getJMSDeliveryMode") ? 2 : 0;
            }
            if (v == null && r == boolean.class) {
                return false;
            }
            return v;
        }
        throw new UnsupportedOperationException("ForeignTextMessage does not implement " + name);
    }
}
