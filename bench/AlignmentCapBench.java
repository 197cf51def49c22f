// Cost of the align classifier on pathological bursts (issue 13): ten 100 000-packet training
// samples among 200 short ones; a 100 000-packet burst to classify; a short one.
// Usage: mvn -q -f core/pom.xml -DskipTests compile && java -cp core/target/classes bench/AlignmentCapBench.java
import java.util.*;
import org.iotevent.signature.*;
public class AlignmentCapBench {
  public static void main(String[] a) {
    int[] huge = new int[100_000]; Arrays.fill(huge, -60);
    List<int[]> bursts = new ArrayList<>(); List<String> labels = new ArrayList<>();
    for (int i = 0; i < 10; i++) { int[] h = huge.clone(); h[i] = -1400; bursts.add(h); labels.add("stream"); }
    Random r = new Random(1);
    for (int i = 0; i < 200; i++) { bursts.add(new int[]{-235, 171 + r.nextInt(3), -52, 52}); labels.add(i % 2 == 0 ? "on" : "off"); }
    long t0 = System.nanoTime();
    AlignmentClassifier c = new AlignmentClassifier(bursts, labels, 1, 1.0);
    c.leaveOneOutDistances();
    long t1 = System.nanoTime();
    int[] q = huge.clone(); q[500] = 1400;
    for (int i = 0; i < 20; i++) { q[600] = i + 1; c.classify(q); }
    long t2 = System.nanoTime();
    for (int i = 0; i < 100000; i++) { c.classify(new int[]{-235, 171 + (i % 3), -52, 52, i % 7 + 1}); }
    long t3 = System.nanoTime();
    System.out.printf("build + leave-one-out with ten 100k-packet samples: %.2f s; classify a 100k-packet burst: %.1f ms; a short burst: %.1f us%n",
      (t1 - t0) / 1e9, (t2 - t1) / 20 / 1e6, (t3 - t2) / 100000 / 1e3);
  }
}
