import com.sun.tools.attach.VirtualMachine;

/**
 * Loads an agent into a running JVM through the JDK's attach API, as an operator's tool would. Arguments: the
 * JVM's process id, the agent jar, the agent's argument. Prints {@code loaded}, or {@code failed: } and why.
 */
public class Attacher {

    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgent(args[1], args[2]);
            System.out.println("loaded");
        } catch (Exception e) {
            System.out.println("failed: " + e);
        } finally {
            vm.detach();
        }
    }
}
