package dev.bucketsql.server;

import java.util.Map;
import org.apache.calcite.adapter.java.ReflectiveSchema;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;

/**
 * A small in-memory schema for the tests, named in the server's connection properties ({@code
 * schemaFactory}) so each client connection gets it from Calcite's own driver.
 */
public final class HrSchemaFactory implements SchemaFactory {
  /** Called by Calcite through reflection. */
  public HrSchemaFactory() {}

  @Override
  public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    return new ReflectiveSchema(new Hr());
  }

  /** The tables: each public array field is one table. */
  public static final class Hr {
    /** Table {@code emps}. */
    public final Employee[] emps = {
      new Employee(100, "Bill", 10, 10000.0),
      new Employee(110, "Theodore", 10, 11500.0),
      new Employee(150, "Sebastian", 10, 7000.0),
      new Employee(200, "Eric", 20, 8000.0),
    };

    /** Table {@code depts}. */
    public final Department[] depts = {
      new Department(10, "Sales"), new Department(20, "Marketing"), new Department(30, "HR"),
    };
  }

  /** A row of {@code emps}. */
  public static final class Employee {
    public final int empid;
    public final String name;
    public final int deptno;
    public final double salary;

    Employee(int empid, String name, int deptno, double salary) {
      this.empid = empid;
      this.name = name;
      this.deptno = deptno;
      this.salary = salary;
    }
  }

  /** A row of {@code depts}. */
  public static final class Department {
    public final int deptno;
    public final String name;

    Department(int deptno, String name) {
      this.deptno = deptno;
      this.name = name;
    }
  }
}
