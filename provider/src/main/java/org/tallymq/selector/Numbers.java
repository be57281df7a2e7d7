package org.tallymq.selector;

/**
 * Arithmetic and comparison on the boxed numbers a message can hold, with Java's binary numeric
 * promotion (section 3.8.1.1: "Arithmetic operations must use Java numeric promotion"): if either
 * operand is a Double the operation is done in double, else if either is a Float in float, else
 * in integers.
 *
 * <p>Deliberate differences from Java, chosen so that a selector never computes a wrong number:
 * <ul>
 *   <li>Integer arithmetic (Byte, Short, Integer, Long) is done in long, never in int, and a
 *       result outside the long range is UNKNOWN (null) instead of wrapping around. Results agree
 *       with Java whenever Java's int or long result does not overflow.</li>
 *   <li>Division by zero is UNKNOWN for every type (SQL's "division by zero" condition), where Java
 *       throws for integers and gives an infinity or NaN for floating point. Floating-point
 *       overflow of other operations still gives an infinity, as in Java.</li>
 * </ul>
 * An operand that is not one of the six number types (a String, a Boolean, null, or an unexpected
 * type) makes the result UNKNOWN.
 */
final class Numbers {

    static final int NOT_A_NUMBER = 0;
    static final int INTEGRAL = 1;
    static final int FLOAT = 2;
    static final int DOUBLE = 3;

    private Numbers() {
    }

    /** {@link #INTEGRAL}, {@link #FLOAT}, {@link #DOUBLE} or {@link #NOT_A_NUMBER}. */
    static int kind(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return INTEGRAL;
        }
        if (value instanceof Double) {
            return DOUBLE;
        }
        if (value instanceof Float) {
            return FLOAT;
        }
        return NOT_A_NUMBER;
    }

    /** {@code left op right} for op one of + - * /; null when UNKNOWN. */
    static Object apply(char op, Object left, Object right) {
        int lk = kind(left);
        int rk = kind(right);
        if (lk == NOT_A_NUMBER || rk == NOT_A_NUMBER) {
            return null;
        }
        Number l = (Number) left;
        Number r = (Number) right;
        switch (Math.max(lk, rk)) {
            case INTEGRAL:
                return integral(op, l.longValue(), r.longValue());
            case FLOAT: {
                float a = l.floatValue();
                float b = r.floatValue();
                switch (op) {
                    case '+': return a + b;
                    case '-': return a - b;
                    case '*': return a * b;
                    default: return b == 0 ? null : (Object) (a / b);
                }
            }
            default: {
                double a = l.doubleValue();
                double b = r.doubleValue();
                switch (op) {
                    case '+': return a + b;
                    case '-': return a - b;
                    case '*': return a * b;
                    default: return b == 0 ? null : (Object) (a / b);
                }
            }
        }
    }

    private static Long integral(char op, long a, long b) {
        switch (op) {
            case '+': {
                long sum = a + b;
                return ((a ^ sum) & (b ^ sum)) < 0 ? null : sum;
            }
            case '-': {
                long difference = a - b;
                return ((a ^ b) & (a ^ difference)) < 0 ? null : difference;
            }
            case '*': {
                long high = Math.multiplyHigh(a, b);
                long low = a * b;
                return (high == 0 && low >= 0) || (high == -1 && low < 0) ? low : null;
            }
            default:
                if (b == 0 || (a == Long.MIN_VALUE && b == -1)) {
                    return null;
                }
                return a / b; // truncates toward zero, as in Java
        }
    }

    /** {@code -value}; null when UNKNOWN (not a number, or -Long.MIN_VALUE). */
    static Object negate(Object value) {
        switch (kind(value)) {
            case INTEGRAL: {
                long v = ((Number) value).longValue();
                return v == Long.MIN_VALUE ? null : (Object) (-v);
            }
            case FLOAT:
                return -(Float) value;
            case DOUBLE:
                return -(Double) value;
            default:
                return null;
        }
    }

    /** Compares two values that are both numbers ({@link #kind} not NOT_A_NUMBER). */
    static boolean compare(ComparisonOperator op, int lk, Number l, int rk, Number r) {
        switch (Math.max(lk, rk)) {
            case INTEGRAL:
                return op.test(l.longValue(), r.longValue());
            case FLOAT:
                return op.test(l.floatValue(), r.floatValue()); // long to float rounds, as in Java
            default:
                return op.test(l.doubleValue(), r.doubleValue());
        }
    }
}
